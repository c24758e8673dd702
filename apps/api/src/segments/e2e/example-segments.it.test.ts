import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { waitFor } from '../../../../../tests/support/ports';
import { trackEvent } from '../../../../../tests/support/track-event';

interface Segment {
  id: string;
  name: string;
  version: number;
  builtVersion: number | null;
}

describe('the example segments of the seed articles', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  const track = (userId: string, event: string, properties: Record<string, unknown>, daysAgo = 0) =>
    trackEvent(h.ingest, userId, event, properties, daysAgo);

  it('installs them once and finds who each one is about', async () => {
    // A small base: 1 to 5 orders (the more orders, the more spent), then who stands out where.
    const orders: Record<string, number[]> = {
      bob: [200],
      dan: [150, 120],
      ann: [80, 40, 5],
      fay: [280, 190, 100], // every 90 days, the next one 10 days overdue
      eve: [90, 60, 30, 4],
      cleo: [6, 5, 4, 3, 2],
    };
    for (const [userId, days] of Object.entries(orders)) {
      for (const [i, daysAgo] of days.entries()) {
        await track(
          userId,
          'order.completed',
          { total: 10 * (i + 1), promotion: userId === 'cleo' },
          daysAgo,
        );
      }
    }
    await track('eve', 'survey.answered', { nps: 3 }, 1);
    await track('cleo', 'survey.answered', { nps: 10 }, 1);
    for (const daysAgo of [1, 2, 3]) await track('ann', 'product.viewed', { animal: 'cat' }, daysAgo);
    await track('ann', 'product.viewed', { animal: 'dog' }, 1);
    await track('gus', 'order.completed', { product: 'kibble', total: 25 }, 14);
    await track('hal', 'order.completed', { product: 'kibble', total: 25 }, 14); // not contactable
    expect(
      (
        await h.admin('PUT', '/profiles/gus', {
          email: 'gus@example.test',
          consents: { email: { status: 'granted' } },
        })
      ).status,
    ).toBe(200);

    const installed = await h.admin<{ computedTraits: string[]; segments: Segment[] }>(
      'POST',
      '/segments/examples',
    );
    expect(installed.status).toBe(200);
    expect(installed.body.computedTraits.sort()).toEqual([
      'appetence',
      'nps',
      'promophilie',
      'repurchase',
      'rfm',
    ]);
    expect(installed.body.segments).toHaveLength(6);
    const again = await h.admin<{ computedTraits: string[]; segments: Segment[] }>(
      'POST',
      '/segments/examples',
    );
    expect(again.body).toEqual({ computedTraits: [], segments: [] });

    const membersOf = async (segment: Segment) => {
      const { body } = await h.admin<{ members: { userId: string }[] }>(
        'GET',
        `/segments/${segment.id}/members`,
      );
      return body.members.map((m) => m.userId).sort();
    };
    const expected: Record<string, string[]> = {
      'Regular customers and detractors': ['eve'],
      'Top revenue customers and promoters': ['cleo'],
      '3-month RF buyers past their repurchase date': ['fay'],
      'Kibble buyers 14 days ago': ['gus'],
      Promophiles: ['cleo'],
      'Cat lovers': ['ann'],
    };
    // Traits are computed for the base in the background, then every segment is swept.
    const found = async () =>
      Object.fromEntries(
        await Promise.all(installed.body.segments.map(async (s) => [s.name, await membersOf(s)])),
      );
    await waitFor(
      'the examples to find their members',
      async () => (JSON.stringify(await found()) === JSON.stringify(expected) ? true : undefined),
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch(() => undefined);
    expect(await found()).toEqual(expected);
  });
});
