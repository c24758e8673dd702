import { conditionEngagementNode } from './condition-engagement';
import { createFakeExecutionContext, portOf } from './fake-execution-context';

const parse = (input: unknown) => conditionEngagementNode.configSchema.parse(input);

describe('condition.engagement', () => {
  it('reads the engagement of the named send node', async () => {
    const ctx = createFakeExecutionContext({
      engagement: { welcome: { sent: true, delivered: true, opened: true }, reminder: { sent: true } },
    });
    expect(portOf(await conditionEngagementNode.execute!(ctx, parse({ nodeId: 'welcome' })))).toBe('yes');
    expect(portOf(await conditionEngagementNode.execute!(ctx, parse({ nodeId: 'reminder' })))).toBe('no');
    expect(
      portOf(await conditionEngagementNode.execute!(ctx, parse({ nodeId: 'reminder', engagement: 'sent' }))),
    ).toBe('yes');
    expect(
      portOf(
        await conditionEngagementNode.execute!(ctx, parse({ nodeId: 'welcome', engagement: 'clicked' })),
      ),
    ).toBe('no');
  });

  it('is no for a node that sent nothing', async () => {
    const ctx = createFakeExecutionContext();
    expect(await conditionEngagementNode.execute!(ctx, parse({ nodeId: 'never-sent' }))).toEqual({
      port: 'no',
      outcome: 'no',
    });
  });

  it('refers to a messages node, for the graph validator to check', () => {
    expect(conditionEngagementNode.references!(parse({ nodeId: 'welcome' }))).toEqual([
      { path: ['nodeId'], nodeId: 'welcome', category: 'messages' },
    ]);
  });

  it.each([
    ['an unknown engagement', { nodeId: 'a', engagement: 'read' }],
    ['an id that is not a node id', { nodeId: 'a b' }],
    ['a prototype id', { nodeId: '__proto__' }],
  ])('refuses %s', (_label, input) => {
    expect(conditionEngagementNode.configSchema.safeParse(input).success).toBe(false);
  });
});
