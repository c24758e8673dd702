import { type CustomerContext, type DemoBrand, type DemoCustomer, type DemoOptions } from './demo-customer';
import { miaoumCustomer } from './miaoum-customers';
import { mixSeed, SeededRandom } from './seeded-random';
import { zoroCustomer } from './zoro-customers';

export type { DemoBrand, DemoConsentStatus, DemoCustomer, DemoEvent, DemoOptions } from './demo-customer';

export const DEMO_BRANDS: readonly DemoBrand[] = ['miaoum', 'zoro'];

const CUSTOMER_OF_BRAND: Record<
  DemoBrand,
  (random: SeededRandom, index: number, context: CustomerContext) => DemoCustomer
> = {
  miaoum: miaoumCustomer,
  zoro: zoroCustomer,
};
/** Mixed into each customer's seed, so the two brands of one seed are unrelated. */
const BRAND_SALT: Record<DemoBrand, number> = { miaoum: 1, zoro: 2 };

function checkOptions({ brand, seed, now }: Omit<DemoOptions, 'count'>) {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a whole number ≥ 0, not ${seed}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  if (!Object.hasOwn(CUSTOMER_OF_BRAND, brand)) throw new RangeError(`Unknown demo brand ${String(brand)}`);
}

const customerAt = (brand: DemoBrand, index: number, context: CustomerContext) =>
  CUSTOMER_OF_BRAND[brand](new SeededRandom(mixSeed(context.seed, BRAND_SALT[brand], index)), index, context);

/**
 * The demo customers of a brand, one at a time (constant memory: a million is fine), with about
 * two years of history before `now`. Pure: the same options give the same customers, byte for
 * byte; customer n does not depend on `count` (a smaller run is a prefix of a larger one).
 */
export function* demoCustomers(options: DemoOptions): Generator<DemoCustomer> {
  const { brand, count, seed, now } = options;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole number ≥ 0, not ${count}`);
  }
  checkOptions(options);
  const context: CustomerContext = { now: now.getTime(), seed };
  for (let index = 0; index < count; index++) yield customerAt(brand, index, context);
}

/** Customer `index` (0-based) of the data set, alone: the simulator acts on loaded customers. */
export function demoCustomerAt(options: Omit<DemoOptions, 'count'>, index: number): DemoCustomer {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`index must be ≥ 0, not ${index}`);
  checkOptions(options);
  return customerAt(options.brand, index, { now: options.now.getTime(), seed: options.seed });
}
