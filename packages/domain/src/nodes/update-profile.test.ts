import { createFakeExecutionContext } from './fake-execution-context';
import { updateProfileNode } from './update-profile';

const parse = (input: unknown) => updateProfileNode.configSchema.parse(input);

describe('update.profile', () => {
  it('applies set, unset and increment as one change and follows out', async () => {
    const ctx = createFakeExecutionContext({
      profile: { traits: { loops: 2, stale: true, tier: 'silver' } },
    });
    const result = await updateProfileNode.execute!(
      ctx,
      parse({ set: { tier: 'gold', vip: true }, unset: ['stale'], increment: { loops: 1, points: 5 } }),
    );
    expect(result).toEqual({ port: 'out', outcome: 'updated' });
    expect(ctx.profileChanges).toEqual([
      { set: { tier: 'gold', vip: true }, unset: ['stale'], increment: { loops: 1, points: 5 } },
    ]);
    expect((await ctx.profile())?.traits).toEqual({ loops: 3, points: 5, tier: 'gold', vip: true });
  });

  it('copies journey variables into traits, null when the variable is missing', async () => {
    const ctx = createFakeExecutionContext({ variables: { crm: { tier: 'platinum' } } });
    await updateProfileNode.execute!(ctx, parse({ fromVariables: { tier: 'crm.tier', score: 'crm.score' } }));
    expect(ctx.profileChanges[0].set).toEqual({ tier: 'platinum', score: null });
  });

  it('lets a variable override a literal of the same trait (the variable is more specific)', async () => {
    const ctx = createFakeExecutionContext({ variables: { tier: 'gold' } });
    await updateProfileNode.execute!(ctx, parse({ set: { tier: 'none' }, fromVariables: { tier: 'tier' } }));
    expect(ctx.profileChanges[0].set).toEqual({ tier: 'gold' });
  });

  it.each([
    ['no change at all', {}],
    ['an empty set', { set: {} }],
    ['a trait name with a dot', { set: { 'a.b': 1 } }],
    ['a prototype trait name', { unset: ['__proto__'] }],
    ['an infinite increment', { increment: { loops: Infinity } }],
    ['a non-numeric increment', { increment: { loops: '1' } }],
    ['an object value', { set: { address: { city: 'Paris' } } }],
    ['a prototype variable path', { fromVariables: { a: 'x.__proto__' } }],
  ])('refuses %s', (_label, input) => {
    expect(updateProfileNode.configSchema.safeParse(input).success).toBe(false);
  });
});
