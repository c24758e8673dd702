import { conditionAttributeNode } from './condition-attribute';
import { defineNode } from './define-node';
import { exitNode } from './exit';
import { builtInNodes, createNodeRegistry, defaultNodeRegistry } from './registry';
import { nodeCatalog } from './node-catalog';
import { sendEmailNode } from './send-email';
import { triggerEventNode } from './trigger-event';
import { waitDurationNode } from './wait-duration';
import { z } from 'zod';

const valid = (schema: z.ZodType, config: unknown) => schema.safeParse(config).success;

describe('built-in nodes', () => {
  it.each(builtInNodes.map((node) => [node.type, node] as const))(
    '%s has a valid default config',
    (_t, node) => {
      expect(node.configSchema.safeParse(node.defaultConfig).success).toBe(true);
      expect(node.validate?.(node.defaultConfig) ?? []).toEqual([]);
    },
  );

  describe('trigger.event', () => {
    const schema = triggerEventNode.configSchema;

    it('accepts an event with filters and defaults filters to []', () => {
      expect(schema.parse({ event: 'account.created' })).toEqual({ event: 'account.created', filters: [] });
      expect(
        valid(schema, { event: 'order.completed', filters: [{ path: 'total', operator: 'gt', value: 50 }] }),
      ).toBe(true);
      expect(triggerEventNode.kind).toBe('trigger');
      expect(triggerEventNode.ports(triggerEventNode.defaultConfig)).toEqual(['out']);
    });

    it.each([
      ['an empty event', { event: '' }],
      ['a huge event name', { event: 'x'.repeat(201) }],
      ['a non-string event', { event: 42 }],
      ['an invalid filter', { event: 'a', filters: [{ path: 'total', operator: 'gt', value: 'lots' }] }],
      ['filters not a list', { event: 'a', filters: {} }],
      ['too many filters', { event: 'a', filters: Array(21).fill({ path: 'a', operator: 'exists' }) }],
    ])('refuses %s', (_label, config) => {
      expect(valid(schema, config)).toBe(false);
    });
  });

  describe('wait.duration', () => {
    const schema = waitDurationNode.configSchema;

    it('accepts durations up to 365 days', () => {
      expect(valid(schema, { amount: 2, unit: 'seconds' })).toBe(true);
      expect(valid(schema, { amount: 365, unit: 'days' })).toBe(true);
      expect(valid(schema, { amount: 8760, unit: 'hours' })).toBe(true);
      expect(waitDurationNode.ports(waitDurationNode.defaultConfig)).toEqual(['out']);
    });

    it.each([
      ['zero', { amount: 0, unit: 'days' }],
      ['negative', { amount: -1, unit: 'days' }],
      ['fractional', { amount: 1.5, unit: 'hours' }],
      ['366 days', { amount: 366, unit: 'days' }],
      ['8761 hours', { amount: 8761, unit: 'hours' }],
      ['a numeric string', { amount: '2', unit: 'days' }],
      ['an unknown unit', { amount: 2, unit: 'weeks' }],
      ['Infinity', { amount: Infinity, unit: 'seconds' }],
      ['NaN', { amount: NaN, unit: 'seconds' }],
    ])('refuses %s', (_label, config) => {
      expect(valid(schema, config)).toBe(false);
    });

    it('reports the 365-day limit on amount', () => {
      const result = schema.safeParse({ amount: 400, unit: 'days' });
      expect(result.error?.issues[0]).toMatchObject({
        path: ['amount'],
        message: expect.stringContaining('365'),
      });
    });
  });

  describe('condition.attribute', () => {
    const schema = conditionAttributeNode.configSchema;

    it('is a predicate on the profile with yes/no ports', () => {
      expect(valid(schema, { path: 'country', operator: 'equals', value: 'FR' })).toBe(true);
      expect(conditionAttributeNode.ports(conditionAttributeNode.defaultConfig)).toEqual(['yes', 'no']);
      expect(conditionAttributeNode.kind).toBe('condition');
    });

    it.each([
      ['no path', { operator: 'exists' }],
      ['a prototype path', { path: '__proto__', operator: 'exists' }],
      ['a missing value', { path: 'country', operator: 'equals' }],
      ['an array for gt', { path: 'age', operator: 'gt', value: [1] }],
    ])('refuses %s', (_label, config) => {
      expect(valid(schema, config)).toBe(false);
    });
  });

  describe('send.email', () => {
    const schema = sendEmailNode.configSchema;

    it('accepts subject, text and optional html', () => {
      expect(valid(schema, { subject: 'Hi {{ profile.firstName }}', text: 'Hello' })).toBe(true);
      expect(valid(schema, { subject: 'Hi', text: '', html: '<p>Hi</p>' })).toBe(true);
      expect(sendEmailNode.ports(sendEmailNode.defaultConfig)).toEqual(['out']);
      expect(sendEmailNode.kind).toBe('action');
    });

    it.each([
      ['an empty subject', { subject: '', text: 'x' }],
      ['a 999-character subject', { subject: 'x'.repeat(999), text: 'x' }],
      ['a multi-line subject (header injection)', { subject: 'Hi\r\nBcc: all@example.com', text: 'x' }],
      ['an html object', { subject: 'Hi', text: 'x', html: { a: 1 } }],
      ['a huge text', { subject: 'Hi', text: 'x'.repeat(100_001) }],
    ])('refuses %s', (_label, config) => {
      expect(valid(schema, config)).toBe(false);
    });

    it('validates templates and reports line and column per field', () => {
      const issues = sendEmailNode.validate!({
        ...sendEmailNode.defaultConfig,
        subject: 'Hi {{ name | shout }}',
        text: 'ok',
        html: '<p>\n{% if x %}</p>',
      });
      expect(issues).toEqual([
        {
          path: ['subject'],
          message: 'Subject: template error at line 1, column 4: undefined filter: shout',
        },
        {
          path: ['html'],
          message: expect.stringMatching(/^HTML body: template error at line 2, column 1: /),
        },
      ]);
    });

    it('needs a body, and either a template or inline content', () => {
      const validate = (config: Record<string, unknown>) =>
        sendEmailNode.validate!(sendEmailNode.configSchema.parse(config));
      expect(validate({ subject: 'Hi' })).toEqual([
        { path: ['html'], message: expect.stringContaining('needs an html or mjml body, or a text part') },
      ]);
      expect(validate({ text: 'x' })).toEqual([
        { path: ['subject'], message: expect.stringContaining('required') },
      ]);
      const template = { id: '0190a6c4-2b7e-7c3d-8f00-000000000001' };
      expect(validate({ template })).toEqual([]);
      expect(validate({ template, subject: 'Hi' })).toEqual([
        { path: ['subject'], message: expect.stringContaining('either a template or inline content') },
      ]);
      expect(valid(schema, { template: { id: 'not-a-uuid' } })).toBe(false);
    });

    it('reports unknown variables with their position', () => {
      expect(
        sendEmailNode.validate!({ subject: 'Hi', text: 'Hello\n  {{ profil.firstName }}' } as never),
      ).toEqual([
        { path: ['text'], message: expect.stringContaining('line 2, column 6: unknown variable "profil"') },
      ]);
    });
  });

  describe('exit', () => {
    it('takes an empty config only and has no ports', () => {
      expect(valid(exitNode.configSchema, {})).toBe(true);
      expect(valid(exitNode.configSchema, { reason: 'done' })).toBe(false);
      expect(exitNode.ports({})).toEqual([]);
      expect(exitNode.kind).toBe('exit');
    });
  });
});

describe('defineNode', () => {
  const base = {
    version: 1,
    title: 'T',
    description: 'D',
    category: 'actions' as const,
    kind: 'action' as const,
    ports: () => ['out'],
    execute: async () => ({ port: 'out', outcome: 'done' }),
  };

  it('infers the config type and applies schema defaults to defaultConfig', () => {
    const node = defineNode({
      ...base,
      type: 'crm.task',
      configSchema: z.object({ title: z.string(), priority: z.int().default(3) }),
      defaultConfig: { title: 'Call back', priority: 3 },
    });
    const priority: number = node.defaultConfig.priority;
    expect(priority).toBe(3);
    expect(Object.isFrozen(node)).toBe(true);
  });

  it('refuses malformed definitions', () => {
    const configSchema = z.object({ title: z.string() });
    expect(() =>
      defineNode({ ...base, type: 'bad type!', configSchema, defaultConfig: { title: 'x' } }),
    ).toThrow(/Invalid node type/);
    expect(() =>
      defineNode({
        ...base,
        type: 'ok',
        configSchema,
        defaultConfig: { title: 3 } as unknown as { title: string },
      }),
    ).toThrow(/defaultConfig/);
    expect(() =>
      defineNode({ ...base, version: 0, type: 'ok', configSchema, defaultConfig: { title: 'x' } }),
    ).toThrow(/version/);
    const { execute: _execute, ...withoutExecute } = base;
    expect(() =>
      defineNode({ ...withoutExecute, type: 'ok', configSchema, defaultConfig: { title: 'x' } }),
    ).toThrow(/action nodes need an execute function/);
    expect(() =>
      defineNode({ ...base, kind: 'wait', type: 'ok', configSchema, defaultConfig: { title: 'x' } }),
    ).toThrow(/wait nodes cannot have an execute function/);
  });
});

describe('registry', () => {
  it('finds built-in nodes by type', () => {
    expect(defaultNodeRegistry.get('send.email')).toBe(sendEmailNode);
    expect(defaultNodeRegistry.get('nope')).toBeUndefined();
    expect(defaultNodeRegistry.get('__proto__')).toBeUndefined();
    expect(defaultNodeRegistry.list().map((node) => node.type)).toEqual([
      'trigger.event',
      'trigger.api',
      'trigger.segment',
      'trigger.schedule',
      'trigger.date',
      'wait.duration',
      'wait.event',
      'wait.until',
      'goal',
      'split.random',
      'condition.attribute',
      'condition.consent',
      'condition.segment',
      'condition.engagement',
      'switch.attribute',
      'send.email',
      'send.sms',
      'send.push',
      'update.profile',
      'webhook',
      'exit',
    ]);
  });

  it('accepts custom nodes and refuses duplicate types', () => {
    const custom = defineNode({
      type: 'loyalty.add_points',
      version: 1,
      title: 'Add loyalty points',
      description: 'Credits points in the loyalty system.',
      category: 'actions',
      kind: 'action',
      configSchema: z.object({ points: z.int().min(1) }),
      defaultConfig: { points: 10 },
      ports: () => ['out'],
      execute: async () => ({ port: 'out', outcome: 'credited' }),
    });
    const registry = createNodeRegistry([...builtInNodes, custom]);
    expect(registry.get('loyalty.add_points')).toBe(custom);
    expect(() => createNodeRegistry([exitNode, exitNode])).toThrow(/registered twice/);
  });
});

describe('nodeCatalog', () => {
  const catalog = nodeCatalog();

  it('describes every registered node as plain JSON', () => {
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    expect(catalog.map((entry) => [entry.type, entry.category, entry.kind, entry.ports])).toEqual([
      ['trigger.event', 'triggers', 'trigger', ['out']],
      ['trigger.api', 'triggers', 'trigger', ['out']],
      ['trigger.segment', 'triggers', 'trigger', ['out']],
      ['trigger.schedule', 'triggers', 'trigger', ['out']],
      ['trigger.date', 'triggers', 'trigger', ['out']],
      ['wait.duration', 'flow', 'wait', ['out']],
      ['wait.event', 'flow', 'wait', ['received', 'timeout']],
      ['wait.until', 'flow', 'wait', ['out']],
      ['goal', 'flow', 'wait', ['converted', 'not_converted']],
      ['split.random', 'flow', 'split', ['a', 'b']],
      ['condition.attribute', 'conditions', 'condition', ['yes', 'no']],
      ['condition.consent', 'conditions', 'condition', ['yes', 'no']],
      ['condition.segment', 'conditions', 'condition', ['yes', 'no']],
      ['condition.engagement', 'conditions', 'condition', ['yes', 'no']],
      ['switch.attribute', 'conditions', 'condition', ['cat', 'dog', 'other']],
      ['send.email', 'messages', 'action', ['out']],
      ['send.sms', 'messages', 'action', ['out']],
      ['send.push', 'messages', 'action', ['out']],
      ['update.profile', 'actions', 'action', ['out']],
      ['webhook', 'actions', 'action', ['ok', 'failed']],
      ['exit', 'flow', 'exit', []],
    ]);
  });

  it('carries JSON Schemas for config forms', () => {
    const wait = catalog.find((entry) => entry.type === 'wait.duration')!;
    expect(wait.configJsonSchema).toMatchObject({
      type: 'object',
      properties: {
        amount: { type: 'integer', minimum: 1 },
        unit: { enum: ['seconds', 'minutes', 'hours', 'days'] },
      },
      required: ['amount', 'unit'],
    });
    const trigger = catalog.find((entry) => entry.type === 'trigger.event')!;
    expect(trigger.configJsonSchema).toMatchObject({
      required: ['event'],
      properties: { filters: { default: [] } },
    });
    const exit = catalog.find((entry) => entry.type === 'exit')!;
    expect(exit.configJsonSchema).toMatchObject({ additionalProperties: false });
    expect(trigger.defaultConfig).toEqual({ event: 'account.created', filters: [] });
  });

  it('does not share default configs with the registry', () => {
    (catalog[0].defaultConfig as { event: string }).event = 'mutated';
    expect(triggerEventNode.defaultConfig.event).toBe('account.created');
  });
});
