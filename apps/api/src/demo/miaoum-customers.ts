import { type CustomerContext, DAY_MS, type DemoCustomer, HISTORY_DAYS } from './demo-customer';
import { drawConsent, drawPerson, emailOf, phoneOf } from './demo-person';
import { EventTimeline, toCents } from './event-timeline';
import type { SeededRandom } from './seeded-random';

export type Animal = 'cat' | 'dog' | 'rodent';
export type PackSize = 'S' | 'M' | 'L' | 'XL';
type SideProduct = 'treats' | 'litter' | 'toys';

const ANIMALS: Record<Animal, number> = { cat: 45, dog: 40, rodent: 15 };
const PACK_SIZES: Record<PackSize, number> = { S: 25, M: 35, L: 25, XL: 15 };
export const PACK_PRICE: Record<PackSize, number> = { S: 14.9, M: 29.9, L: 49.9, XL: 64.9 };
/** How long a pack feeds one animal, roughly: the stock alert comes at 14 days (21 for XL). */
const PACK_DAYS: Record<PackSize, number> = { S: 16, M: 21, L: 28, XL: 35 };
const SIDE_PRICE: Record<SideProduct, [number, number]> = {
  treats: [4.9, 12.9],
  litter: [9.9, 19.9],
  toys: [4.9, 24.9],
};
const SIDE_PRODUCTS: Record<Animal, SideProduct[]> = {
  cat: ['treats', 'litter', 'toys'],
  dog: ['treats', 'toys'],
  rodent: ['treats', 'litter'],
};
const PROMOTION_DISCOUNT = 0.85;

/**
 * One Mia(ou)m (pet food) customer: an account or a newsletter-only subscriber, with one or two
 * animals; most account holders order kibble at the pace their pack size lasts (skipping a cycle
 * now and then, some stopping for good), with treats, litter or toys on the side.
 */
export function miaoumCustomer(
  random: SeededRandom,
  index: number,
  { now, seed }: CustomerContext,
): DemoCustomer {
  const person = drawPerson(random, 0.2);
  const timeline = new EventTimeline(now, `mia-${seed}-${index + 1}`);
  const recent = random.chance(0.02);
  const joinedAt = now - (recent ? random.uniform(0.05, 2) : random.uniform(2, HISTORY_DAYS)) * DAY_MS;
  const hasAccount = random.chance(0.75);
  const email = !hasAccount || random.chance(0.9) ? emailOf(random, person, String(index + 1)) : null;
  const phone = random.chance(0.55) ? phoneOf(person, index, 'loaded') : null;
  const emailConsent = email ? drawConsent(random, { granted: 0.7, revoked: 0.1 }) : undefined;
  const smsConsent = phone ? drawConsent(random, { granted: 0.45, revoked: 0.1 }) : undefined;

  const animal = random.weighted(ANIMALS);
  const secondAnimal = random.chance(0.2)
    ? random.pick((['cat', 'dog', 'rodent'] as const).filter((a) => a !== animal))
    : null;
  const animals = secondAnimal ? [animal, secondAnimal] : [animal];
  const animalOfTheDay = () => (secondAnimal && random.chance(0.25) ? secondAnimal : animal);

  for (let views = random.between(0, 3); views > 0; views--) {
    timeline.add('product.viewed', joinedAt - random.uniform(0.01, 5) * DAY_MS, {
      animal: animalOfTheDay(),
      product: random.chance(0.7) ? 'kibble' : random.pick(SIDE_PRODUCTS[animal]),
    });
  }
  if (hasAccount) timeline.add('account.created', joinedAt);
  if (!hasAccount || random.chance(0.4)) {
    const subscribedAt = hasAccount ? joinedAt + random.uniform(0, 60) * DAY_MS : joinedAt;
    timeline.add('newsletter.subscribed', subscribedAt, random.chance(0.8) ? { animal } : {});
  }

  if (hasAccount && random.chance(0.8)) {
    const packSize = random.weighted(PACK_SIZES);
    const promotionShare = random.chance(0.15) ? 0.6 : 0.1;
    // A third are still customers today; the others stop after some months.
    const stopsAt = random.chance(0.35) ? now : joinedAt + random.uniform(20, 600) * DAY_MS;
    let orders = 0;
    for (let at = joinedAt + random.uniform(0, 20) * DAY_MS; at < Math.min(now, stopsAt);) {
      const size = random.chance(0.9) ? packSize : random.weighted(PACK_SIZES);
      const promotion = random.chance(promotionShare);
      const forAnimal = animalOfTheDay();
      if (random.chance(0.5)) {
        timeline.add('product.viewed', at - random.uniform(0.01, 2) * DAY_MS, {
          animal: forAnimal,
          product: 'kibble',
        });
      }
      timeline.add('order.completed', at, {
        orderId: `MIA-${index + 1}-${++orders}`,
        total: toCents(PACK_PRICE[size] * (promotion ? PROMOTION_DISCOUNT : 1)),
        animal: forAnimal,
        product: 'kibble',
        packSize: size,
        promotion,
      });
      if (random.chance(0.25)) {
        const product = random.pick(SIDE_PRODUCTS[forAnimal]);
        const [min, max] = SIDE_PRICE[product];
        timeline.add('order.completed', at + random.uniform(1, 10) * DAY_MS, {
          orderId: `MIA-${index + 1}-${++orders}`,
          total: toCents(random.uniform(min, max)),
          animal: forAnimal,
          product,
          promotion: random.chance(promotionShare),
        });
      }
      // Now and then a pack is bought elsewhere: a cycle skipped.
      at += PACK_DAYS[size] * random.uniform(0.85, 1.3) * (random.chance(0.25) ? 2 : 1) * DAY_MS;
    }
  }
  for (let views = random.between(0, 4); views > 0; views--) {
    timeline.add('product.viewed', random.uniform(joinedAt, now), {
      animal: animalOfTheDay(),
      product: random.pick(['kibble', ...SIDE_PRODUCTS[animal]]),
    });
  }

  return {
    userId: `mia-${String(index + 1).padStart(7, '0')}`,
    email,
    phone,
    traits: {
      ...person,
      animals,
      customerSince: new Date(Math.floor(joinedAt / DAY_MS) * DAY_MS).toISOString().slice(0, 10),
    },
    consents: {
      ...(emailConsent && { email: emailConsent }),
      ...(smsConsent && { sms: smsConsent }),
    },
    events: timeline.events(),
  };
}
