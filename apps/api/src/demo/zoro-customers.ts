import { type CustomerContext, DAY_MS, type DemoCustomer, HISTORY_DAYS } from './demo-customer';
import { drawConsent, drawPerson, emailOf, phoneOf } from './demo-person';
import { EventTimeline, toCents } from './event-timeline';
import type { SeededRandom } from './seeded-random';

export type Department = 'denim' | 'skirts' | 'cosy' | 'shoes' | 'accessories';
/** How a customer buys: every ~3 months, every few weeks, now and then, or never (yet). */
export type BuyingHabit = 'quarterly' | 'frequent' | 'occasional' | 'browser';

const HABITS: Record<BuyingHabit, number> = { quarterly: 30, frequent: 10, occasional: 40, browser: 20 };
/** The departments appetence is computed over; shoes and accessories are bought on the side. */
const FAVOURITES: Record<Extract<Department, 'denim' | 'skirts' | 'cosy'>, number> = {
  denim: 40,
  skirts: 30,
  cosy: 30,
};
const DEPARTMENTS: readonly Department[] = ['denim', 'skirts', 'cosy', 'shoes', 'accessories'];
const PRICE: Record<Department, [number, number]> = {
  denim: [49, 99],
  skirts: [29, 69],
  cosy: [35, 89],
  shoes: [59, 129],
  accessories: [12, 39],
};
const SKU_PREFIX: Record<Department, string> = {
  denim: 'DNM',
  skirts: 'SKT',
  cosy: 'CSY',
  shoes: 'SHO',
  accessories: 'ACC',
};
const PROMOTION_DISCOUNT = 0.8;
/** NPS answers, 0 to 10: about a quarter detractors, a third passives, the rest promoters. */
export const NPS_SCORES = { 0: 2, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 15, 8: 20, 9: 20, 10: 19 } as const;

export interface CartItem {
  productId: string;
  department: Department;
  price: number;
}

/** One article of the department, at its price (ending in .99). */
export function drawItem(random: SeededRandom, department: Department): CartItem {
  const [min, max] = PRICE[department];
  return {
    productId: `${SKU_PREFIX[department]}-${random.between(100, 999)}`,
    department,
    price: Math.floor(random.uniform(min, max)) + 0.99,
  };
}

/**
 * One Zoro (fashion) customer. Quarterly buyers order every 75-100 days and a third of them are
 * now past their usual date; frequent buyers order every few weeks; occasional ones a few times
 * in two years; browsers only look. Promophiles buy most orders with a promotion. Sessions bring
 * page and product views, some end in an abandoned cart; some buyers answer the NPS survey.
 */
export function zoroCustomer(
  random: SeededRandom,
  index: number,
  { now, seed }: CustomerContext,
): DemoCustomer {
  const person = drawPerson(random, 0.25);
  const timeline = new EventTimeline(now, `zoro-${seed}-${index + 1}`);
  const email = random.chance(0.95) ? emailOf(random, person, String(index + 1)) : null;
  const phone = random.chance(0.45) ? phoneOf(person, index, 'loaded') : null;
  const emailConsent = email ? drawConsent(random, { granted: 0.65, revoked: 0.1 }) : undefined;
  const smsConsent = phone ? drawConsent(random, { granted: 0.3, revoked: 0.1 }) : undefined;
  const habit = random.weighted(HABITS);
  const favourite = random.weighted(FAVOURITES);
  const promophile = random.chance(0.2);
  const promotionShare = promophile ? 0.8 : 0.12;

  const departmentOfTheDay = () => (random.chance(0.7) ? favourite : random.pick(DEPARTMENTS));
  const drawItems = (): CartItem[] => {
    const items: CartItem[] = [];
    for (let n = random.between(1, 3); n > 0; n--) items.push(drawItem(random, departmentOfTheDay()));
    return items;
  };
  /** A visit ending at `at`: a page or two, products looked at; returns what went in the cart. */
  const visit = (at: number): CartItem[] => {
    const items = drawItems();
    if (random.chance(0.6)) {
      timeline.add('page.viewed', at - random.uniform(5, 30) * 60_000, {
        path: random.chance(promotionShare) ? '/soldes' : `/femme/${items[0].department}`,
      });
    }
    for (const item of items.slice(0, random.between(1, 2))) {
      timeline.add('product.viewed', at - random.uniform(1, 5) * 60_000, {
        department: item.department,
        productId: item.productId,
      });
    }
    return items;
  };
  const total = (items: CartItem[]) => toCents(items.reduce((sum, item) => sum + item.price, 0));
  let carts = 0;
  const abandon = (at: number, items: CartItem[]) =>
    timeline.add('cart.abandoned', at, { cartId: `ZC-${index + 1}-${++carts}`, total: total(items), items });

  const orderTimes = buyingDays(random, habit, now);
  orderTimes.forEach((at, n) => {
    const items = visit(at);
    if (random.chance(0.3)) abandon(at - random.uniform(1, 48) * 3_600_000, items);
    const promotion = random.chance(promotionShare);
    timeline.add('order.completed', at, {
      orderId: `ZO-${index + 1}-${n + 1}`,
      total: toCents(total(items) * (promotion ? PROMOTION_DISCOUNT : 1)),
      department: items[0].department,
      promotion,
    });
  });
  const firstSeen =
    orderTimes.length > 0 ? Math.min(orderTimes[0], now - 30 * DAY_MS) : now - HISTORY_DAYS * DAY_MS;
  for (let visits = random.between(habit === 'browser' ? 1 : 0, 4); visits > 0; visits--) {
    // Recent visits weigh more: a fifth of them in the last few days, so today's carts exist.
    const at = random.chance(0.2) ? now - random.uniform(0.01, 3) * DAY_MS : random.uniform(firstSeen, now);
    const items = visit(at);
    if (random.chance(0.3)) abandon(at, items);
  }
  if (orderTimes.length > 0 && random.chance(0.45)) {
    for (let answers = random.chance(0.15) ? 2 : 1; answers > 0; answers--) {
      const nps = Number(random.weighted(NPS_SCORES));
      const after = random.pick(orderTimes) + random.uniform(3, 10) * DAY_MS;
      timeline.add('survey.answered', after, {
        nps,
        ...(random.chance(0.7) && { csat: Math.min(5, Math.max(1, Math.round(nps / 2))) }),
      });
    }
  }

  return {
    userId: `zoro-${String(index + 1).padStart(7, '0')}`,
    email,
    phone,
    traits: { ...person },
    consents: {
      ...(emailConsent && { email: emailConsent }),
      ...(smsConsent && { sms: smsConsent }),
    },
    events: timeline.events(),
  };
}

/** When a customer of this habit orders, oldest first, all before `now`. */
function buyingDays(random: SeededRandom, habit: BuyingHabit, now: number): number[] {
  const days: number[] = [];
  switch (habit) {
    case 'quarterly': {
      const interval = random.uniform(75, 100);
      // A third skipped their last order: their usual date is 20 to 80 days behind them.
      const until = random.chance(0.35) ? now - (interval + random.uniform(20, 80)) * DAY_MS : now;
      for (let at = now - random.uniform(420, HISTORY_DAYS) * DAY_MS; at < until;) {
        days.push(at);
        at += interval * random.uniform(0.85, 1.15) * DAY_MS;
      }
      break;
    }
    case 'frequent': {
      const interval = random.uniform(20, 45);
      const until = random.chance(0.2) ? now - random.uniform(60, 300) * DAY_MS : now;
      for (let at = now - random.uniform(60, HISTORY_DAYS) * DAY_MS; at < until;) {
        days.push(at);
        at += interval * random.uniform(0.7, 1.4) * DAY_MS;
      }
      break;
    }
    case 'occasional':
      for (let orders = random.between(1, 5); orders > 0; orders--) {
        days.push(now - random.uniform(0.5, HISTORY_DAYS) * DAY_MS);
      }
      days.sort((a, b) => a - b);
      break;
    case 'browser':
      break;
  }
  return days;
}
