import { type DemoBrand, type DemoCustomer, type DemoEvent } from './demo-customer';
import { demoCustomerAt } from './demo-dataset';
import { drawConsent, drawPerson, emailOf, phoneOf } from './demo-person';
import { toCents } from './event-timeline';
import { PACK_PRICE, type PackSize } from './miaoum-customers';
import { type SeededRandom } from './seeded-random';
import { type CartItem, type Department, drawItem, NPS_SCORES } from './zoro-customers';

/** A profile written through `PUT /profiles/:userId` (a sign-up form's consent boxes: admin key). */
export interface SimulatedProfile {
  userId: string;
  body: {
    email?: string;
    traits: Record<string, unknown>;
    consents: Partial<Record<'email' | 'sms', { status: 'granted' | 'revoked'; source: string }>>;
  };
}

/** A Segment-spec call for `POST /v1/batch` (write key). */
export type SimulatedCall =
  | {
      type: 'track';
      userId?: string;
      anonymousId?: string;
      event: string;
      properties: Record<string, unknown>;
      messageId: string;
    }
  | {
      type: 'identify';
      userId: string;
      anonymousId: string;
      traits: Record<string, unknown>;
      messageId: string;
    };

export interface SimulatedAction {
  /** What the customer did, for the per-minute log. */
  kind: string;
  profile?: SimulatedProfile;
  calls: SimulatedCall[];
}

export interface SimulatorSetup {
  brand: DemoBrand;
  /** The loaded data set: its customers (`profiles` of them) are the ones who come back. */
  seed: number;
  profiles: number;
  loadedAt: Date;
  /** Tells this run's message ids, orders and sign-ups apart from another run's. */
  runId: string;
}

const ANIMALS = ['cat', 'dog', 'rodent'] as const;
const DEPARTMENTS: readonly Department[] = ['denim', 'skirts', 'cosy', 'shoes', 'accessories'];
const PACK_SIZES: readonly PackSize[] = ['S', 'M', 'L', 'XL'];
/** Anonymous visitors remembered for a later sign-in (identify: their profiles merge). */
const MAX_ANONYMOUS = 200;
const MAX_OPEN_CARTS = 200;

const ordersOf = (customer: DemoCustomer) => customer.events.filter((e) => e.name === 'order.completed');
const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/**
 * What the demo's customers do next, one action at a time, from a seed: new sign-ups and
 * subscriptions (the welcome journey), product and page views, abandoned carts, orders (goals,
 * interruptions, the kibble alert), NPS answers (the promoters' reward). Returning customers are
 * the loaded ones, regenerated from the data set's seed, so what they do fits their history.
 * Pure: the caller sends the calls.
 */
export class DemoSimulator {
  private sequence = 0;
  private readonly anonymous: string[] = [];
  private readonly openCarts: { userId: string; items: CartItem[] }[] = [];

  constructor(
    private readonly setup: SimulatorSetup,
    private readonly random: SeededRandom,
  ) {}

  next(): SimulatedAction {
    return this.setup.brand === 'miaoum' ? this.miaoum() : this.zoro();
  }

  private id(what: string): string {
    return `sim-${this.setup.brand}-${this.setup.runId}-${what}-${++this.sequence}`;
  }

  private track(
    who: { userId?: string; anonymousId?: string },
    event: string,
    properties = {},
  ): SimulatedCall {
    return { type: 'track', ...who, event, properties, messageId: this.id('m') };
  }

  /** A loaded customer; with `test`, the first of a few drawn that passes it (or the last drawn). */
  private returning(test: (customer: DemoCustomer) => boolean = () => true): DemoCustomer {
    const { brand, seed, loadedAt, profiles } = this.setup;
    let customer: DemoCustomer;
    for (let tries = 0; ; tries++) {
      customer = demoCustomerAt({ brand, seed, now: loadedAt }, this.random.between(0, profiles - 1));
      if (tries === 5 || test(customer)) return customer;
    }
  }

  private signUp(): SimulatedAction & { profile: SimulatedProfile } {
    const person = drawPerson(this.random, this.setup.brand === 'miaoum' ? 0.2 : 0.25);
    const n = ++this.sequence;
    const email = this.random.chance(0.95)
      ? emailOf(this.random, person, `${this.setup.runId}${n}`)
      : undefined;
    const phone = this.random.chance(0.5) ? phoneOf(person, n, 'simulated') : undefined;
    const emailConsent = email ? drawConsent(this.random, { granted: 0.7, revoked: 0.05 }) : undefined;
    const smsConsent = phone ? drawConsent(this.random, { granted: 0.4, revoked: 0.05 }) : undefined;
    const source = 'sign-up form';
    return {
      kind: 'sign-up',
      profile: {
        userId: `${this.setup.brand === 'miaoum' ? 'mia' : 'zoro'}-sim-${this.setup.runId}-${n}`,
        body: {
          ...(email && { email }),
          traits: { ...person, ...(phone && { phone }) },
          consents: {
            ...(emailConsent && { email: { status: emailConsent, source } }),
            ...(smsConsent && { sms: { status: smsConsent, source } }),
          },
        },
      },
      calls: [],
    };
  }

  private miaoum(): SimulatedAction {
    const kind = this.random.weighted({ 'sign-up': 12, subscribe: 8, browse: 45, order: 35 });
    if (kind === 'sign-up') {
      const signUp = this.signUp();
      const who = { userId: signUp.profile.userId };
      const animal = this.random.pick(ANIMALS);
      signUp.calls.push(this.track(who, 'product.viewed', { animal, product: 'kibble' }));
      signUp.calls.push(
        this.random.chance(0.7)
          ? this.track(who, 'account.created')
          : this.track(who, 'newsletter.subscribed', { animal }),
      );
      return signUp;
    }
    if (kind === 'order') {
      const customer = this.returning((c) => ordersOf(c).some((o) => o.properties.product === 'kibble'));
      const previous = last(ordersOf(customer).filter((o) => o.properties.product === 'kibble'));
      const animal = (previous?.properties.animal as string | undefined) ?? this.animalOf(customer);
      const packSize =
        (previous?.properties.packSize as PackSize | undefined) ?? this.random.pick(PACK_SIZES);
      const promotion = this.random.chance(0.15);
      return {
        kind,
        calls: [
          this.track({ userId: customer.userId }, 'product.viewed', { animal, product: 'kibble' }),
          this.track({ userId: customer.userId }, 'order.completed', {
            orderId: this.id('order'),
            total: toCents(PACK_PRICE[packSize] * (promotion ? 0.85 : 1)),
            animal,
            product: 'kibble',
            packSize,
            promotion,
          }),
        ],
      };
    }
    const customer = this.returning();
    const animal = this.animalOf(customer);
    return kind === 'subscribe'
      ? { kind, calls: [this.track({ userId: customer.userId }, 'newsletter.subscribed', { animal })] }
      : {
          kind,
          calls: [
            this.track({ userId: customer.userId }, 'product.viewed', {
              animal,
              product: this.random.pick(['kibble', 'kibble', 'treats', 'toys', 'litter']),
            }),
          ],
        };
  }

  private animalOf(customer: DemoCustomer): string {
    const animals = customer.traits.animals as string[] | undefined;
    return animals?.[0] ?? this.random.pick(ANIMALS);
  }

  private zoro(): SimulatedAction {
    const kind = this.random.weighted({
      visit: 30,
      'anonymous visit': 6,
      'sign-in': 4,
      abandon: 20,
      order: 25,
      survey: 15,
    });
    if (kind === 'anonymous visit' || (kind === 'sign-in' && this.anonymous.length === 0)) {
      const anonymousId = this.id('anon');
      this.anonymous.push(anonymousId);
      if (this.anonymous.length > MAX_ANONYMOUS) this.anonymous.shift();
      return { kind: 'anonymous visit', calls: this.visit({ anonymousId }, this.random.pick(DEPARTMENTS)) };
    }
    if (kind === 'sign-in') {
      // A visitor signs in: the anonymous profile merges into the customer's.
      const anonymousId = this.anonymous.splice(this.random.between(0, this.anonymous.length - 1), 1)[0];
      const customer = this.returning();
      return {
        kind,
        calls: [
          { type: 'identify', userId: customer.userId, anonymousId, traits: {}, messageId: this.id('m') },
        ],
      };
    }
    if (kind === 'order') return { kind, calls: this.order() };
    if (kind === 'survey') {
      // Big spenders answer more (it makes the promoters' reward and the call-back move).
      const customer = this.returning(
        (c) => ordersOf(c).reduce((sum, o) => sum + (o.properties.total as number), 0) > 400,
      );
      const nps = Number(this.random.weighted(NPS_SCORES));
      return {
        kind,
        calls: [
          this.track({ userId: customer.userId }, 'survey.answered', {
            nps,
            csat: Math.min(5, Math.max(1, Math.round(nps / 2))),
          }),
        ],
      };
    }
    const customer = this.returning();
    const favourite = this.favouriteOf(customer);
    const calls = this.visit({ userId: customer.userId }, favourite);
    if (kind === 'abandon') {
      const items = Array.from({ length: this.random.between(1, 3) }, () => drawItem(this.random, favourite));
      calls.push(
        this.track({ userId: customer.userId }, 'cart.abandoned', {
          cartId: this.id('cart'),
          total: toCents(items.reduce((sum, item) => sum + item.price, 0)),
          items,
        }),
      );
      this.openCarts.push({ userId: customer.userId, items });
      if (this.openCarts.length > MAX_OPEN_CARTS) this.openCarts.shift();
    }
    return { kind, calls };
  }

  /** An order: half the time a cart left earlier in this run comes back (the cart journey's goal). */
  private order(): SimulatedCall[] {
    const cart =
      this.openCarts.length > 0 && this.random.chance(0.5)
        ? this.openCarts.splice(this.random.between(0, this.openCarts.length - 1), 1)[0]
        : undefined;
    const customer = cart ? undefined : this.returning((c) => ordersOf(c).length > 0);
    const userId = cart?.userId ?? customer!.userId;
    const items = cart?.items ?? [drawItem(this.random, this.favouriteOf(customer!))];
    const history = customer ? ordersOf(customer) : [];
    const promotionShare =
      history.length > 0
        ? history.filter((o) => o.properties.promotion === true).length / history.length
        : 0.2;
    const promotion = this.random.chance(Math.min(0.9, Math.max(0.05, promotionShare)));
    return [
      this.track({ userId }, 'order.completed', {
        orderId: this.id('order'),
        total: toCents(items.reduce((sum, item) => sum + item.price, 0) * (promotion ? 0.8 : 1)),
        department: items[0].department,
        promotion,
      }),
    ];
  }

  private visit(who: { userId?: string; anonymousId?: string }, department: Department): SimulatedCall[] {
    const item = drawItem(this.random, department);
    return [
      this.track(who, 'page.viewed', { path: `/femme/${department}` }),
      this.track(who, 'product.viewed', { department, productId: item.productId }),
    ];
  }

  /** The department of the customer's latest order or view; any, for a customer who never came. */
  private favouriteOf(customer: DemoCustomer): Department {
    const seen: DemoEvent | undefined = last(
      customer.events.filter((e) => e.name === 'order.completed' || e.name === 'product.viewed'),
    );
    return (seen?.properties.department as Department | undefined) ?? this.random.pick(DEPARTMENTS);
  }
}
