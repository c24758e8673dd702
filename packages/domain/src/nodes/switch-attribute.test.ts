import {
  createFakeExecutionContext,
  type FakeExecutionContextOptions,
  portOf,
} from './fake-execution-context';
import { OTHER_PORT, switchAttributeNode } from './switch-attribute';

const config = switchAttributeNode.configSchema.parse({
  path: 'computed.appetence',
  cases: [
    { value: 'cat', port: 'cats' },
    { value: 'dog', port: 'dogs' },
    { value: 3, port: 'three' },
  ],
});

const run = (profile: FakeExecutionContextOptions['profile']) =>
  switchAttributeNode.execute!(createFakeExecutionContext({ profile }), config);

describe('switch.attribute', () => {
  it('has one port per case, then other', () => {
    expect(switchAttributeNode.ports(config)).toEqual(['cats', 'dogs', 'three', OTHER_PORT]);
    expect(switchAttributeNode.kind).toBe('condition');
  });

  it('takes the branch of the value the profile has now', async () => {
    expect(await run({ computed: { appetence: 'dog' } })).toEqual({ port: 'dogs', outcome: 'dogs' });
    expect(await run({ computed: { appetence: 'cat' } })).toEqual({ port: 'cats', outcome: 'cats' });
  });

  it('compares strictly: "3" is not 3, "Cat" is not "cat"', async () => {
    expect(portOf(await run({ computed: { appetence: 3 } }))).toBe('three');
    expect(portOf(await run({ computed: { appetence: '3' } }))).toBe(OTHER_PORT);
    expect(portOf(await run({ computed: { appetence: 'Cat' } }))).toBe(OTHER_PORT);
  });

  it('goes to other when the attribute is missing, an object, or the profile was erased', async () => {
    expect(portOf(await run({ computed: {} }))).toBe(OTHER_PORT);
    expect(portOf(await run({ computed: { appetence: { cat: 1 } } }))).toBe(OTHER_PORT);
    expect(portOf(await run(null))).toBe(OTHER_PORT);
  });

  it('reads traits at the top level, well-known fields winning over a trait of the same name', async () => {
    const byCountry = switchAttributeNode.configSchema.parse({
      path: 'email',
      cases: [{ value: 'real@example.com', port: 'real' }],
    });
    const ctx = createFakeExecutionContext({
      profile: { email: 'real@example.com', traits: { email: 'fake' } },
    });
    expect(portOf(await switchAttributeNode.execute!(ctx, byCountry))).toBe('real');
  });

  it("reads the triggering event's properties when told to, never the profile's", async () => {
    const byPack = switchAttributeNode.configSchema.parse({
      source: 'trigger',
      path: 'packSize',
      cases: [{ value: 'XL', port: 'xl' }],
    });
    const triggered = (properties: Record<string, unknown> | undefined) =>
      createFakeExecutionContext({
        profile: { traits: { packSize: 'XL' } },
        journey: properties ? { triggerEvent: { id: 'e1', name: 'order.completed', properties } } : {},
      });
    expect(portOf(await switchAttributeNode.execute!(triggered({ packSize: 'XL' }), byPack))).toBe('xl');
    expect(portOf(await switchAttributeNode.execute!(triggered({ packSize: 'M' }), byPack))).toBe(OTHER_PORT);
    expect(portOf(await switchAttributeNode.execute!(triggered(undefined), byPack))).toBe(OTHER_PORT);
  });

  it.each([
    ['a reserved branch name', { path: 'a', cases: [{ value: 'x', port: 'other' }] }, ['cases', 0, 'port']],
    [
      'a branch named twice',
      {
        path: 'a',
        cases: [
          { value: 'x', port: 'p' },
          { value: 'y', port: 'p' },
        ],
      },
      ['cases', 1, 'port'],
    ],
    ['no cases', { path: 'a', cases: [] }, ['cases']],
    ['a prototype path', { path: 'constructor', cases: [{ value: 'x', port: 'p' }] }, ['path']],
    ['an object value', { path: 'a', cases: [{ value: { x: 1 }, port: 'p' }] }, ['cases', 0, 'value']],
  ])('refuses %s', (_label, input, path) => {
    const result = switchAttributeNode.configSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});
