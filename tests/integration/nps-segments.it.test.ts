import { demoCustomers, type DemoCustomer } from '../../apps/api/src/demo/demo-dataset';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { explainedBy } from '../support/app-process';
import { waitFor } from '../support/ports';

const DAY_MS = 86_400_000;
const CUSTOMERS = 1_000;
/** The RFM period (rfm.ts default) and the quintiles its frequency and monetary scores are cut at. */
const RFM_PERIOD_MS = 365 * DAY_MS;
const QUINTILE_FRACTIONS = [1, 2, 3, 4].map((k) => k / 5);
/** Longer than loading and computing take: an order this close to the period's start may fall either side. */
const PERIOD_EDGE_MS = 10 * 60_000;
/** Calls per `/v1/batch` request and their size, under the API's limits (2 500 calls, 500 KiB). */
const BATCH_CALLS = 1_000;
const BATCH_BYTES = 400_000;

interface Segment {
  id: string;
  name: string;
}

/** Percentile as PostgreSQL's `percentile_disc` defines it: the first value whose position reaches the fraction. */
const percentileDisc = (ascending: number[], fraction: number) =>
  ascending[Math.max(1, Math.ceil(fraction * ascending.length)) - 1];

/** 1 to 5: one plus the quintile cut points of the base the value is above. */
function quintileScores(values: Map<string, number>): Map<string, number> {
  const ascending = [...values.values()].sort((a, b) => a - b);
  const cuts = QUINTILE_FRACTIONS.map((fraction) => percentileDisc(ascending, fraction));
  return new Map(
    [...values].map(([userId, value]) => [userId, 1 + cuts.filter((cut) => value > cut).length]),
  );
}

/**
 * Who each NPS segment should hold, from the generated events alone: frequency and monetary value
 * over the last 365 days scored by quintile over every customer who ordered in that period, and
 * the category of the latest NPS answer (0-6 detractor, 9-10 promoter).
 */
function expectedMembers(customers: DemoCustomer[], now: Date) {
  const since = now.getTime() - RFM_PERIOD_MS;
  const frequency = new Map<string, number>();
  const monetaryCents = new Map<string, number>();
  const latestNps = new Map<string, { at: number; score: number }>();
  for (const customer of customers) {
    for (const event of customer.events) {
      const at = Date.parse(event.timestamp);
      if (event.name === 'order.completed' && at >= since) {
        frequency.set(customer.userId, (frequency.get(customer.userId) ?? 0) + 1);
        const cents = Math.round(Number(event.properties.total) * 100);
        monetaryCents.set(customer.userId, (monetaryCents.get(customer.userId) ?? 0) + cents);
      }
      if (event.name === 'survey.answered' && typeof event.properties.nps === 'number') {
        const latest = latestNps.get(customer.userId);
        if (!latest || at >= latest.at) latestNps.set(customer.userId, { at, score: event.properties.nps });
      }
    }
  }
  const f = quintileScores(frequency);
  const m = quintileScores(new Map([...monetaryCents].map(([userId, cents]) => [userId, cents / 100])));
  const category = (userId: string) => {
    const score = latestNps.get(userId)?.score;
    return score === undefined ? undefined : score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
  };
  const ids = customers.map((c) => c.userId);
  return {
    'Regular customers and detractors': ids
      .filter((id) => (f.get(id) ?? 0) >= 4 && category(id) === 'detractor')
      .sort(),
    'Top revenue customers and promoters': ids
      .filter((id) => m.get(id) === 5 && category(id) === 'promoter')
      .sort(),
  };
}

/**
 * Generated data whose every order is clearly inside or outside the RFM period however long the
 * load takes, and whose latest NPS answer is unambiguous: the first seed from 1 that gives it.
 */
function clearCutCustomers(now: Date): DemoCustomer[] {
  const periodStart = now.getTime() - RFM_PERIOD_MS;
  const nearTheEdge = (timestamp: string) => {
    const at = Date.parse(timestamp);
    return at >= periodStart && at <= periodStart + PERIOD_EDGE_MS;
  };
  for (let seed = 1; seed <= 20; seed++) {
    const customers = [...demoCustomers({ brand: 'zoro', count: CUSTOMERS, seed, now })];
    const clear = customers.every((customer) => {
      const orders = customer.events.filter((e) => e.name === 'order.completed');
      const answers = customer.events.filter((e) => e.name === 'survey.answered').map((e) => e.timestamp);
      return !orders.some((e) => nearTheEdge(e.timestamp)) && new Set(answers).size === answers.length;
    });
    if (clear) return customers;
  }
  throw new Error('No seed from 1 to 20 gives a clear-cut data set');
}

/** The example NPS segments on 1 000 generated Zoro customers, against members computed here independently. */
describe('NPS segments on generated data', () => {
  let h: ApiHarness;
  let customers: DemoCustomer[];
  let expected: Record<string, string[]>;
  beforeAll(async () => {
    // Generated first: a long synchronous task between two requests would leave a stale keep-alive socket.
    const now = new Date();
    customers = clearCutCustomers(now);
    expected = expectedMembers(customers, now);
    h = await startApiHarness({ env: { COMPUTED_TRAITS_RECOMPUTE_MS: '0', SEGMENT_SWEEP_MS: '0' } });
  });
  afterAll(() => h?.close());

  /** Every customer (identify with their traits and addresses) and their history, in batch calls. */
  async function load() {
    const calls = customers.flatMap((customer) => [
      {
        type: 'identify',
        userId: customer.userId,
        traits: {
          ...customer.traits,
          ...(customer.email ? { email: customer.email } : {}),
          ...(customer.phone ? { phone: customer.phone } : {}),
        },
      },
      ...customer.events.map(({ name, properties, timestamp, messageId }) => ({
        type: 'track',
        userId: customer.userId,
        event: name,
        properties,
        timestamp,
        messageId,
      })),
    ]);
    let batch: unknown[] = [];
    let bytes = 0;
    const send = async () => {
      const res = await h.ingest<{ accepted: number; errors: unknown[] }>('POST', '/v1/batch', { batch });
      expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: [] });
      expect(res.body.accepted).toBe(batch.length);
      batch = [];
      bytes = 0;
    };
    for (const call of calls) {
      const size = JSON.stringify(call).length;
      if (batch.length === BATCH_CALLS || bytes + size > BATCH_BYTES) await send();
      batch.push(call);
      bytes += size;
    }
    if (batch.length > 0) await send();
  }

  async function membersOf(segment: Segment): Promise<string[]> {
    const userIds: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `&after=${after}` : '';
      const { body } = await h.admin<{ members: { userId: string }[]; nextCursor: string | null }>(
        'GET',
        `/segments/${segment.id}/members?limit=1000${query}`,
      );
      userIds.push(...body.members.map((member) => member.userId));
      after = body.nextCursor;
    } while (after);
    return userIds.sort();
  }

  it('finds exactly the regular detractors and the top-revenue promoters', async () => {
    for (const members of Object.values(expected)) expect(members.length).toBeGreaterThan(0);

    await explainedBy(load(), h.api.process);
    const installed = await h.admin<{ segments: Segment[] }>('POST', '/segments/examples');
    expect(installed.status).toBe(200);
    const segments = Object.keys(expected).map((name) =>
      installed.body.segments.find((s) => s.name === name)!,
    );

    // Traits are computed for the whole base (quintiles measured), then every segment is swept.
    const found = async () =>
      Object.fromEntries(await Promise.all(segments.map(async (s) => [s.name, await membersOf(s)])));
    await waitFor(
      'the NPS segments to hold their members',
      async () => (JSON.stringify(await found()) === JSON.stringify(expected) ? true : undefined),
      { timeoutMs: 90_000, intervalMs: 1_000 },
    ).catch(() => undefined);
    expect(await found()).toEqual(expected);
  });
});
