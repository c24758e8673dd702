import {
  type ComputedTraitDefinition,
  computedTraitSpecSchema,
  computeTrait,
  e164PhoneSchema,
  emailSchema,
  npsCategory,
  profileTraitsSchema,
  scenarioTemplate,
  type TraitInput,
} from '@parcours/domain';
import { createHash } from 'node:crypto';
import { type DemoBrand, type DemoCustomer, demoCustomers } from './demo-dataset';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const TWO_YEARS_MS = 731 * 86_400_000;

const customersOf = (brand: DemoBrand, count = 2_000, seed = 7) =>
  Array.from(demoCustomers({ brand, count, seed, now: NOW }));

const digest = (brand: DemoBrand, count: number, seed: number, now = NOW) => {
  const hash = createHash('sha256');
  for (const customer of demoCustomers({ brand, count, seed, now })) hash.update(JSON.stringify(customer));
  return hash.digest('hex');
};

const traitInput = (customer: DemoCustomer): TraitInput => ({
  traits: customer.traits,
  events: customer.events.map((e) => ({
    name: e.name,
    properties: e.properties,
    occurredAt: new Date(e.timestamp),
  })),
});

/** A template's trait with its config's defaults filled in, as the API stores it. */
const templateTrait = (templateId: string, key: string): ComputedTraitDefinition => {
  const trait = scenarioTemplate(templateId)!.computedTraits.find((t) => t.key === key)!;
  return { key, ...computedTraitSpecSchema.parse({ kind: trait.kind, config: trait.config }) };
};

const share = (customers: DemoCustomer[], test: (c: DemoCustomer) => boolean) =>
  customers.filter(test).length / customers.length;

const ordersOf = (customer: DemoCustomer) => customer.events.filter((e) => e.name === 'order.completed');

const miaoum = customersOf('miaoum');
const zoro = customersOf('zoro');

describe('demoCustomers', () => {
  it.each(['miaoum', 'zoro'] as const)('%s: the same options give byte-identical output', (brand) => {
    expect(digest(brand, 500, 42)).toBe(digest(brand, 500, 42));
  });

  it.each(['miaoum', 'zoro'] as const)('%s: another seed or another now gives other customers', (brand) => {
    expect(digest(brand, 200, 1)).not.toBe(digest(brand, 200, 2));
    expect(digest(brand, 200, 1)).not.toBe(digest(brand, 200, 1, new Date('2026-03-03T09:30:00.000Z')));
    // Same ids (a user is a position), other people and histories.
    const [a, b] = [customersOf(brand, 50, 1), customersOf(brand, 50, 2)];
    expect(a.map((c) => c.userId)).toEqual(b.map((c) => c.userId));
    expect(a.filter((c, i) => c.email !== b[i].email).length).toBeGreaterThan(25);
  });

  it('gives the two brands unrelated customers with their own ids', () => {
    expect(miaoum[0].userId).toBe('mia-0000001');
    expect(zoro[0].userId).toBe('zoro-0000001');
    const names = (customers: DemoCustomer[]) => customers.slice(0, 20).map((c) => c.traits.firstName);
    expect(names(miaoum)).not.toEqual(names(zoro));
  });

  it('makes a smaller run a prefix of a larger one', () => {
    expect(JSON.stringify(customersOf('zoro', 100))).toBe(JSON.stringify(zoro.slice(0, 100)));
  });

  it('streams: nothing is generated before it is asked for', () => {
    const iterator = demoCustomers({ brand: 'miaoum', count: 1_000_000, seed: 3, now: NOW });
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect((first.value as DemoCustomer).userId).toBe('mia-0000001');
    iterator.return(undefined);
  });

  it('refuses a count, seed or date that cannot make a data set', () => {
    const run = (options: Partial<{ count: number; seed: number; now: Date; brand: DemoBrand }>) => () =>
      demoCustomers({ brand: 'zoro', count: 1, seed: 1, now: NOW, ...options }).next();
    expect(run({ count: -1 })).toThrow(/count/);
    expect(run({ count: 1.5 })).toThrow(/count/);
    expect(run({ seed: Number.NaN })).toThrow(/seed/);
    expect(run({ now: new Date('nope') })).toThrow(/now/);
    expect(run({ brand: 'acme' as DemoBrand })).toThrow(/brand/);
  });

  it.each(['miaoum', 'zoro'] as const)(
    '%s: valid identities and traits, unique ids, histories in order within two years, none in the future',
    (brand) => {
      const customers = brand === 'miaoum' ? miaoum : zoro;
      const messageIds = new Set<string>();
      // Collected, then one assertion: an expect per event would take most of the run.
      const wrong: string[] = [];
      for (const customer of customers) {
        if (customer.email && emailSchema.safeParse(customer.email).data !== customer.email) {
          wrong.push(`email ${customer.email}`);
        }
        if (customer.phone && e164PhoneSchema.safeParse(customer.phone).data !== customer.phone) {
          wrong.push(`phone ${customer.phone}`);
        }
        if (!profileTraitsSchema.safeParse(customer.traits).success)
          wrong.push(`traits of ${customer.userId}`);
        let previous = NOW.getTime() - TWO_YEARS_MS;
        for (const event of customer.events) {
          const at = Date.parse(event.timestamp);
          if (at < previous || at > NOW.getTime())
            wrong.push(`${customer.userId} ${event.name} at ${event.timestamp}`);
          previous = at;
          messageIds.add(event.messageId);
        }
      }
      expect(wrong).toEqual([]);
      expect(new Set(customers.map((c) => c.email).filter(Boolean)).size).toBe(
        customers.filter((c) => c.email).length,
      );
      expect(messageIds.size).toBe(customers.reduce((n, c) => n + c.events.length, 0));
    },
  );

  it.each(['miaoum', 'zoro'] as const)('%s: a realistic consent mix', (brand) => {
    const customers = brand === 'miaoum' ? miaoum : zoro;
    const withEmail = customers.filter((c) => c.email);
    expect(share(withEmail, (c) => c.consents.email === 'granted')).toBeGreaterThan(0.6);
    expect(share(withEmail, (c) => c.consents.email === 'granted')).toBeLessThan(0.75);
    expect(share(withEmail, (c) => c.consents.email === 'revoked')).toBeGreaterThan(0.05);
    expect(share(withEmail, (c) => c.consents.email === undefined)).toBeGreaterThan(0.1);
    expect(share(customers, (c) => c.email === null)).toBeGreaterThan(0.02);
    expect(customers.some((c) => c.phone !== null && c.consents.sms === 'granted')).toBe(true);
    // Never a consent on a channel the customer cannot be reached on.
    expect(customers.filter((c) => (!c.email && c.consents.email) || (!c.phone && c.consents.sms))).toEqual(
      [],
    );
  });
});

describe('Mia(ou)m customers', () => {
  const orders = miaoum.flatMap(ordersOf);

  it('order kibble in every pack size, for every animal, with and without promotion', () => {
    const kibble = orders.filter((o) => o.properties.product === 'kibble');
    for (const size of ['S', 'M', 'L', 'XL']) {
      expect(kibble.filter((o) => o.properties.packSize === size).length).toBeGreaterThan(
        kibble.length * 0.08,
      );
    }
    expect(new Set(kibble.map((o) => o.properties.packSize))).toEqual(new Set(['S', 'M', 'L', 'XL']));
    expect(new Set(orders.map((o) => o.properties.product))).toEqual(
      new Set(['kibble', 'treats', 'litter', 'toys']),
    );
    expect(
      orders.filter((o) => o.properties.product !== 'kibble').every((o) => !('packSize' in o.properties)),
    ).toBe(true);
    expect(new Set(orders.map((o) => o.properties.animal))).toEqual(new Set(['cat', 'dog', 'rodent']));
    const promoted = orders.filter((o) => o.properties.promotion === true).length / orders.length;
    expect(promoted).toBeGreaterThan(0.05);
    expect(promoted).toBeLessThan(0.4);
    expect(
      orders.filter((o) => !((o.properties.total as number) > 0 && typeof o.properties.orderId === 'string')),
    ).toEqual([]);
  });

  it('sign up with an account, to the newsletter, or both; some of them in the last two days', () => {
    const named = (c: DemoCustomer, name: string) => c.events.some((e) => e.name === name);
    expect(
      share(miaoum, (c) => named(c, 'account.created') && !named(c, 'newsletter.subscribed')),
    ).toBeGreaterThan(0.3);
    expect(
      share(miaoum, (c) => !named(c, 'account.created') && named(c, 'newsletter.subscribed')),
    ).toBeGreaterThan(0.15);
    expect(
      share(miaoum, (c) => named(c, 'account.created') && named(c, 'newsletter.subscribed')),
    ).toBeGreaterThan(0.15);
    const twoDaysAgo = NOW.getTime() - 2 * 86_400_000;
    const newcomers = miaoum.filter((c) =>
      c.events.some(
        (e) =>
          ['account.created', 'newsletter.subscribed'].includes(e.name) &&
          Date.parse(e.timestamp) >= twoDaysAgo,
      ),
    );
    expect(newcomers.length).toBeGreaterThan(10);
    expect(newcomers.some((c) => c.consents.email === 'granted')).toBe(true);
    expect(newcomers.some((c) => c.consents.email !== 'granted')).toBe(true);
  });

  it('have an animal appetence of each kind, as the welcome template computes it', () => {
    const appetence = templateTrait('miaoum-welcome-pack', 'appetence');
    const values = miaoum.map((c) => computeTrait(appetence, traitInput(c), NOW));
    for (const animal of ['cat', 'dog', 'rodent']) {
      expect(values.filter((v) => v === animal).length).toBeGreaterThan(miaoum.length * 0.05);
    }
  });
});

describe('Zoro customers', () => {
  const orders = zoro.flatMap(ordersOf);

  it('order in every department, with and without promotion, and promophiles exist', () => {
    expect(new Set(orders.map((o) => o.properties.department))).toEqual(
      new Set(['denim', 'skirts', 'cosy', 'shoes', 'accessories']),
    );
    const promoted = orders.filter((o) => o.properties.promotion === true).length / orders.length;
    expect(promoted).toBeGreaterThan(0.15);
    expect(promoted).toBeLessThan(0.5);
    const promophilie = templateTrait('zoro-repurchase-overdue', 'promophilie');
    const shares = zoro
      .map(
        (c) => computeTrait(promophilie, traitInput(c), NOW) as { orders: number; share: number } | undefined,
      )
      .filter((v) => v !== undefined && v.orders >= 3);
    expect(shares.filter((v) => v!.share >= 0.6).length).toBeGreaterThan(shares.length * 0.1);
    expect(shares.filter((v) => v!.share === 0).length).toBeGreaterThan(shares.length * 0.3);
  });

  it('include 3-month buyers, some of them now past their usual date, as the repurchase trait sees it', () => {
    const repurchase = templateTrait('zoro-repurchase-overdue', 'repurchase');
    const cycles = zoro
      .map(
        (c) =>
          computeTrait(repurchase, traitInput(c), NOW) as
            { usualIntervalDays: number; nextExpectedAt: string } | undefined,
      )
      .filter((v) => v !== undefined);
    const quarterly = cycles.filter((v) => v!.usualIntervalDays >= 60 && v!.usualIntervalDays <= 120);
    const overdue = quarterly.filter((v) => Date.parse(v!.nextExpectedAt) < NOW.getTime());
    expect(quarterly.length).toBeGreaterThan(zoro.length * 0.2);
    expect(overdue.length).toBeGreaterThan(quarterly.length * 0.2);
    expect(overdue.length).toBeLessThan(quarterly.length * 0.7);
    // And irregular or frequent buyers outside the 3-month band.
    expect(cycles.length - quarterly.length).toBeGreaterThan(zoro.length * 0.03);
  });

  it('answer the NPS survey as detractors, passives and promoters', () => {
    const nps = templateTrait('nps-reward-promoters', 'nps');
    const answers = zoro
      .map((c) => computeTrait(nps, traitInput(c), NOW) as { score: number; category: string } | undefined)
      .filter((v) => v !== undefined);
    expect(answers.length).toBeGreaterThan(zoro.length * 0.2);
    const categories = answers.map((a) => a!.category);
    for (const category of ['detractor', 'passive', 'promoter']) {
      expect(categories.filter((c) => c === category).length).toBeGreaterThan(answers.length * 0.15);
    }
    expect(answers.every((a) => a!.category === npsCategory(a!.score))).toBe(true);
  });

  it('abandon carts (some today), view products and pages, by department', () => {
    const events = zoro.flatMap((c) => c.events);
    const carts = events.filter((e) => e.name === 'cart.abandoned');
    expect(carts.length).toBeGreaterThan(zoro.length * 0.2);
    expect(
      carts.filter(
        ({ properties: p }) =>
          !(typeof p.cartId === 'string' && (p.total as number) > 0 && (p.items as unknown[]).length > 0),
      ),
    ).toEqual([]);
    const today = carts.filter((e) => Date.parse(e.timestamp) > NOW.getTime() - 86_400_000);
    expect(today.length).toBeGreaterThan(5);
    const views = events.filter((e) => e.name === 'product.viewed');
    expect(new Set(views.map((e) => e.properties.department))).toContain('denim');
    expect(views.every((e) => typeof e.properties.productId === 'string')).toBe(true);
    expect(events.some((e) => e.name === 'page.viewed')).toBe(true);
    const favourite = templateTrait('zoro-repurchase-overdue', 'department');
    const values = new Set(zoro.map((c) => computeTrait(favourite, traitInput(c), NOW)));
    for (const department of ['denim', 'skirts', 'cosy']) expect(values).toContain(department);
  });
});
