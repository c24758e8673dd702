import { bodyText, type SeedStack, startSeedStack } from './seed-stack';

/** A scenario day lasts 2 s: the 3-day conversion window is 6 s. */
const SECONDS_PER_DAY = 2;
const RUN_IN_SECONDS = 3;
const HOUR_MS = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS);

interface Stats {
  journeys: { entered: number };
  nodes: Record<string, { conversions: number; revenue: number; messages: { sent: number } }>;
}

/** Seed 002, scenario 3, from its template over the real stack: tonight's run, then the order. */
describe('Zoro abandoned cart (seed 002, scenario 3)', () => {
  let stack: SeedStack;
  beforeAll(async () => {
    stack = await startSeedStack({ apiEnv: { SCHEDULED_ENTRY_POLL_MS: '200' } });
  });
  afterAll(() => stack?.close());

  it("emails today's recognised cart abandoners who can be emailed, and counts the order that follows", async () => {
    const draft = await stack.importTemplate('zoro-abandoned-cart');
    await stack.segmentsBuilt();
    const cart = { items: 2, total: 89.9 };
    const abandoners: [firstName: string, consent: boolean, abandonedHoursAgo: number][] = [
      ['Ada', true, 3], // will not order
      ['Cleo', true, 2], // orders after the email
      ['Ben', true, 5], // ordered before the run
      ['Dan', false, 1], // never agreed to emails
      ['Eva', true, 30], // yesterday's cart
    ];
    for (const [firstName, consent, abandonedHoursAgo] of abandoners) {
      const userId = firstName.toLowerCase();
      await stack.putCustomer(userId, {
        firstName,
        email: `${userId}@example.test`,
        consents: consent ? { email: 'granted' } : {},
      });
      await stack.track(userId, 'cart.abandoned', cart, hoursAgo(abandonedHoursAgo));
    }
    await stack.track('ben', 'order.completed', { total: 89.9 }, hoursAgo(1));
    // A visitor nobody recognises (no account, no address).
    const anonymous = await stack.ingest('POST', '/v1/track', {
      anonymousId: 'visitor-7',
      event: 'cart.abandoned',
      properties: cart,
      timestamp: hoursAgo(1).toISOString(),
    });
    expect(anonymous.status).toBe(200);

    const trigger = draft.graph.nodes.find((node) => node.type === 'trigger.schedule')!;
    const { segmentId } = trigger.config as { segmentId: string };
    await stack.until('the segment to hold who abandoned a cart today', async () => {
      const { body } = await stack.admin<{ memberCount: number }>('GET', `/segments/${segmentId}`);
      return body.memberCount === 2 ? true : undefined;
    });
    const now = new Date();
    const runAt = now.getTime() + RUN_IN_SECONDS * 1_000;
    await stack.publishScaled(draft, {
      secondsPerDay: SECONDS_PER_DAY,
      now,
      scheduleInSeconds: RUN_IN_SECONDS,
    });

    const [cleoMail] = await stack.until('the email to Cleo', async () => {
      const mails = stack.emailsTo('cleo@example.test');
      return mails.length > 0 ? mails : undefined;
    });
    // She buys part of her cart: the order's total is the scenario's revenue.
    await stack.track('cleo', 'order.completed', { total: 59.9 });

    const journeys = await stack.until(
      'both journeys to end',
      async () => {
        const rows = await stack.journeys(draft.id);
        return rows.length === 2 && rows.every((j) => j.status !== 'running' && j.status !== 'pending')
          ? rows
          : undefined;
      },
      60_000,
    );
    expect(journeys.map((j) => [j.userId, j.status, j.exitReason, j.path])).toEqual([
      [
        'ada',
        'completed',
        null,
        ['every-evening:entered', 'cart-email:sent', 'ordered:not_converted', 'done:exited'],
      ],
      [
        'cleo',
        'exited',
        'goal',
        ['every-evening:entered', 'cart-email:sent', 'ordered:converted', 'ordered:exited:goal'],
      ],
    ]);

    // What: free delivery and reassurance, with the first name; nobody else gets anything.
    const [adaMail, ...adaMore] = stack.emailsTo('ada@example.test');
    expect(adaMore).toEqual([]);
    for (const [mail, firstName] of [
      [adaMail, 'Ada'],
      [cleoMail, 'Cleo'],
    ] as const) {
      expect(mail.subject).toBe(`${firstName}, votre panier vous attend (livraison offerte)`);
      expect(bodyText(mail)).toContain(`Bonjour ${firstName},`);
      expect(bodyText(mail)).toContain('la livraison est offerte');
      expect(bodyText(mail)).toContain('Les retours sont gratuits pendant 30 jours');
    }
    expect(stack.smtp.messages).toHaveLength(2);

    // When: at the run, not before.
    const sent = await stack.ledger(draft.id);
    expect(sent.map((row) => [row.userId, row.nodeId, row.status])).toEqual(
      expect.arrayContaining([
        ['ada', 'cart-email', 'sent'],
        ['cleo', 'cart-email', 'sent'],
      ]),
    );
    expect(sent).toHaveLength(2);
    for (const row of sent) expect(row.at.getTime()).toBeGreaterThanOrEqual(runAt);

    // The order is the scenario's conversion, with its revenue.
    const stats = await stack.admin<Stats>('GET', `/scenarios/${draft.id}/stats`);
    expect(stats.body.journeys.entered).toBe(2);
    expect(stats.body.nodes['cart-email'].messages.sent).toBe(2);
    expect(stats.body.nodes.ordered).toMatchObject({ conversions: 1, revenue: 59.9 });
  });
});
