import { z } from 'zod';
import { compileScenario } from '../graph/compile-scenario';
import type { ScenarioGraphInput } from '../graph/scenario-graph';
import { validateScenario } from '../graph/validate-scenario';
import { defineNode, type NodeSpec } from './define-node';
import { isPermanentNodeError, PermanentNodeError } from './node-execution';
import { nodesOfPackage, registryWithPackages } from './node-packages';
import { runNodeStep } from './run-node-step';

const taskSchema = z.object({ title: z.string().default('Call back') });
const taskSpec = {
  type: 'acme.crm.create-task',
  version: 1,
  title: 'Create a CRM task',
  description: 'Creates a task in the CRM.',
  category: 'actions',
  kind: 'action',
  configSchema: taskSchema,
  defaultConfig: { title: 'Call back' },
  ports: () => ['created', 'failed'],
  execute: async () => ({ port: 'created', outcome: 'created' }),
} satisfies NodeSpec<typeof taskSchema>;

const taskV1 = defineNode(taskSpec);
const taskV2 = defineNode({
  ...taskSpec,
  version: 2,
  configSchema: taskSchema.extend({ dueInDays: z.int().min(0).default(1) }),
  defaultConfig: { title: 'Call back', dueInDays: 1 },
  errorPort: 'failed',
  timeoutSeconds: 20,
  retry: { maxAttempts: 3, initialIntervalSeconds: 2 },
});
const registry = registryWithPackages([{ name: 'crm-nodes', exports: { nodes: [taskV1, taskV2] } }]);

function scenario(node: {
  type: string;
  typeVersion?: number;
  config?: Record<string, unknown>;
}): ScenarioGraphInput {
  return {
    nodes: [
      { id: 'start', type: 'trigger.api', config: {} },
      { id: 'task', ...node },
      { id: 'end', type: 'exit', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'task' },
      { id: 'e2', source: 'task', sourcePort: 'created', target: 'end' },
      { id: 'e3', source: 'task', sourcePort: 'failed', target: 'end' },
    ],
  };
}

describe('defineNode execution settings', () => {
  const refused: [string, Partial<NodeSpec<typeof taskSchema>>, RegExp][] = [
    ['an icon outside the set', { icon: 'skull' as never }, /icon must be one of/],
    ['an error port it does not have', { errorPort: 'oops' }, /errorPort 'oops' is not one of its ports/],
    ['no attempt at all', { retry: { maxAttempts: 0, initialIntervalSeconds: 1 } }, /maxAttempts/],
    ['a timeout over an hour', { timeoutSeconds: 7200 }, /timeoutSeconds/],
    ['a lower-case secret name', { secrets: ['api_key'] }, /secret 'api_key'/],
  ];
  it.each(refused)('refuses %s', (_what, change, message) => {
    expect(() => defineNode({ ...taskSpec, ...change })).toThrow(message);
  });

  it('refuses execution settings on a node the workflow interprets', () => {
    const wait = {
      ...taskSpec,
      kind: 'wait',
      execute: undefined,
      retry: { maxAttempts: 2, initialIntervalSeconds: 1 },
    };
    expect(() => defineNode(wait as never)).toThrow(/retry applies to condition and action nodes only/);
  });
});

describe('node packages', () => {
  it.each([
    [{ nodes: [defineNode({ ...taskSpec, type: 'create-task' })] }, /not namespaced/],
    [{ nodes: [defineNode({ ...taskSpec, type: 'send.fax' })] }, /namespace 'send', reserved/],
    [{ nodes: [{ ...taskV1 }] }, /nodes\[0\] was not made with defineNode/],
    [{ something: 1 }, /exports no node definitions/],
  ])('refuses a package exporting %#', (exports, message) => {
    expect(() => nodesOfPackage({ name: 'bad', exports })).toThrow(message);
  });

  it('takes the default export too, and refuses a type version registered twice', () => {
    expect(nodesOfPackage({ name: 'esm', exports: { default: [taskV1] } })).toEqual([taskV1]);
    expect(() =>
      registryWithPackages([
        { name: 'a', exports: { nodes: [taskV1] } },
        { name: 'b', exports: { nodes: [taskV1] } },
      ]),
    ).toThrow("Node type 'acme.crm.create-task' version 1 is registered twice");
  });
});

describe('versions', () => {
  it('lists the latest version once and keeps the older one', () => {
    expect(registry.list().filter((node) => node.type === taskV1.type)).toEqual([taskV2]);
    expect(registry.versions(taskV1.type)).toEqual([1, 2]);
    expect(registry.get(taskV1.type, 1)).toBe(taskV1);
  });

  it('publishes the latest by default, with its timeout, retries and error port', () => {
    const step = compileScenario(scenario({ type: taskV1.type }), registry).steps.task;
    expect(step).toMatchObject({ typeVersion: 2, config: { title: 'Call back', dueInDays: 1 } });
    expect(step.execution).toEqual({
      timeoutMs: 20_000,
      retry: { maximumAttempts: 3, initialIntervalMs: 2_000, maximumIntervalMs: 300_000 },
      errorPort: 'failed',
    });
  });

  it('pins the version a node names, with that version’s schema', () => {
    const step = compileScenario(scenario({ type: taskV1.type, typeVersion: 1 }), registry).steps.task;
    expect(step).toMatchObject({ typeVersion: 1, config: { title: 'Call back' } });
    expect(step.execution).toBeUndefined();
  });

  it('names an unknown type and an unknown version of a known one', () => {
    expect(validateScenario(scenario({ type: 'acme.crm.delete-everything' }), registry)).toEqual([
      expect.objectContaining({
        code: 'unknown_node_type',
        path: ['nodes', 1, 'type'],
        message: expect.stringContaining("unknown type 'acme.crm.delete-everything'"),
      }),
    ]);
    expect(validateScenario(scenario({ type: taskV1.type, typeVersion: 3 }), registry)).toEqual([
      expect.objectContaining({
        code: 'unknown_node_version',
        path: ['nodes', 1, 'typeVersion'],
        message: "Node 'task' uses version 3 of 'acme.crm.create-task'; this deployment has version(s) 1, 2",
      }),
    ]);
  });
});

describe('permanent errors', () => {
  it('are recognised by brand, whatever copy of the class threw them', () => {
    const foreign = Object.assign(new Error('refused'), {
      [Symbol.for('parcours.permanentNodeError')]: true,
    });
    expect(isPermanentNodeError(foreign)).toBe(true);
    expect(isPermanentNodeError(new PermanentNodeError('x'))).toBe(true);
    expect(isPermanentNodeError(new Error('x'))).toBe(false);
  });

  it('end the journey when the node has no error port', async () => {
    const failing = defineNode({
      ...taskSpec,
      execute: async () => {
        throw new PermanentNodeError('the CRM refused');
      },
    });
    await expect(runNodeStep(failing)).resolves.toMatchObject({
      exit: 'node_failed',
      outcome: 'failed:the CRM refused',
      attempts: 1,
    });
  });
});

describe('the idempotent slot of a step', () => {
  it('refuses a profile update after a recorded effect, instead of dropping it silently', async () => {
    const both = defineNode({
      ...taskSpec,
      execute: async (ctx) => {
        await ctx.recordedEffect(async () => 'called');
        await ctx.updateProfile({ set: { crmTask: true } });
        return { port: 'created', outcome: 'created' };
      },
    });
    const run = await runNodeStep(both, { maxAttempts: 2 });
    expect(run.outcome).toBe(
      'failed:updateProfile after recordedEffect in the same step: a step has one idempotent effect (updateProfile or recordedEffect, once)',
    );
    expect(run.attempts).toBe(2);
  });
});
