import { batchItemSchema } from '../events/dtos/segment-calls.dto';
import { UpsertProfileDto } from '../profiles/dtos/profile.dto';
import { demoCustomerAt, type DemoBrand } from './demo-dataset';
import { DemoSimulator, type SimulatedAction, type SimulatedCall } from './demo-simulator';
import { mixSeed, SeededRandom } from './seeded-random';

const LOADED_AT = new Date('2026-03-02T09:30:00.000Z');
const PROFILES = 300;

const play = (brand: DemoBrand, actions: number, seed = 5, runId = 'run1'): SimulatedAction[] => {
  const simulator = new DemoSimulator(
    { brand, seed: 9, profiles: PROFILES, loadedAt: LOADED_AT, runId },
    new SeededRandom(mixSeed(seed, 1)),
  );
  return Array.from({ length: actions }, () => simulator.next());
};

const tracked = (actions: SimulatedAction[], event: string) =>
  actions
    .flatMap((a) => a.calls)
    .filter((c): c is Extract<SimulatedCall, { type: 'track' }> => c.type === 'track' && c.event === event);

describe('DemoSimulator', () => {
  it.each(['miaoum', 'zoro'] as const)('%s: the same seed and run play the same actions', (brand) => {
    expect(JSON.stringify(play(brand, 200))).toBe(JSON.stringify(play(brand, 200)));
    expect(JSON.stringify(play(brand, 200, 6))).not.toBe(JSON.stringify(play(brand, 200)));
  });

  it.each(['miaoum', 'zoro'] as const)(
    '%s: every call and profile is one the API accepts, with ids of its own run',
    (brand) => {
      const actions = play(brand, 600);
      const calls = actions.flatMap((a) => a.calls);
      for (const call of calls) expect(batchItemSchema.safeParse(call).error).toBeUndefined();
      for (const action of actions.filter((a) => a.profile)) {
        expect(UpsertProfileDto.schema.safeParse(action.profile!.body).error).toBeUndefined();
        expect(action.profile!.userId).toMatch(/-sim-run1-\d+$/);
      }
      expect(new Set(calls.map((c) => c.messageId)).size).toBe(calls.length);
      expect(calls.every((c) => c.messageId.includes('-run1-'))).toBe(true);
      const otherRun = play(brand, 600, 5, 'run2').flatMap((a) => a.calls.map((c) => c.messageId));
      expect(otherRun.filter((id) => calls.some((c) => c.messageId === id))).toEqual([]);
    },
  );

  it('Mia(ou)m: sign-ups with and without email consent start the welcome journey; loaded customers reorder their pack', () => {
    const actions = play('miaoum', 600);
    const signUps = actions.filter((a) => a.kind === 'sign-up');
    expect(signUps.length).toBeGreaterThan(30);
    expect(signUps.some((a) => a.profile!.body.consents.email?.status === 'granted')).toBe(true);
    expect(signUps.some((a) => a.profile!.body.consents.email === undefined)).toBe(true);
    for (const signUp of signUps) {
      expect(signUp.calls.map((c) => c.type === 'track' && c.event)).toContainEqual(
        expect.stringMatching(/^(account\.created|newsletter\.subscribed)$/),
      );
      // A sign-up's phone is never one of a loaded customer's (a phone is an identity).
      expect(String(signUp.profile!.body.traits.phone ?? '+3375')).toMatch(/^\+(3375|3248)/);
    }
    const kibble = tracked(actions, 'order.completed');
    expect(kibble.length).toBeGreaterThan(100);
    const reorder = kibble.find((o) => /^mia-\d{7}$/.test(o.userId!))!;
    const history = demoCustomerAt(
      { brand: 'miaoum', seed: 9, now: LOADED_AT },
      Number(reorder.userId!.slice(4)) - 1,
    );
    const lastPack = history.events
      .filter((e) => e.name === 'order.completed' && e.properties.packSize)
      .pop();
    expect(reorder.properties.packSize).toBe(lastPack?.properties.packSize ?? reorder.properties.packSize);
    expect(new Set(kibble.map((o) => o.properties.packSize))).toEqual(new Set(['S', 'M', 'L', 'XL']));
    expect(tracked(actions, 'product.viewed').length).toBeGreaterThan(100);
  });

  it('Zoro: views, carts that later convert, orders with and without promotion, NPS answers, anonymous visitors who sign in', () => {
    const actions = play('zoro', 800);
    const carts = tracked(actions, 'cart.abandoned');
    const orders = tracked(actions, 'order.completed');
    expect(carts.length).toBeGreaterThan(80);
    expect(orders.some((o) => carts.some((c) => c.userId === o.userId))).toBe(true);
    expect(orders.some((o) => o.properties.promotion === true)).toBe(true);
    expect(orders.some((o) => o.properties.promotion === false)).toBe(true);
    const nps = tracked(actions, 'survey.answered').map((c) => c.properties.nps as number);
    expect(nps.some((n) => n <= 6) && nps.some((n) => n >= 7 && n <= 8) && nps.some((n) => n >= 9)).toBe(
      true,
    );
    const anonymous = new Set(
      actions
        .flatMap((a) => a.calls)
        .flatMap((c) => (c.type === 'track' && c.anonymousId ? [c.anonymousId] : [])),
    );
    const signIns = actions.flatMap((a) => a.calls).filter((c) => c.type === 'identify');
    expect(signIns.length).toBeGreaterThan(5);
    for (const signIn of signIns) expect(anonymous).toContain(signIn.anonymousId);
    expect(tracked(actions, 'page.viewed').length).toBeGreaterThan(100);
  });
});
