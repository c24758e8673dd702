import { DateTime } from 'luxon';
import { type ParsedMail } from 'mailparser';
import { bodyText, type SeedStack, startSeedStack } from './seed-stack';

/** A scenario day lasts a second: the XL pack's extra week is 7 s. */
const SECONDS_PER_DAY = 1;
const XL_WEEK_MS = 7 * SECONDS_PER_DAY * 1_000;

/** Local noon, `days` calendar days ago, in the template's fallback timezone (customers have none). */
const daysAgoInParis = (days: number) =>
  DateTime.now().setZone('Europe/Paris').startOf('day').minus({ days }).plus({ hours: 12 }).toJSDate();

/** Seed 002, scenario 2, from its template over the real stack: the stock alert, a week later for XL. */
describe('Mia(ou)m kibble stock alert (seed 002, scenario 2)', () => {
  let stack: SeedStack;
  const emailOf = (userId: string): ParsedMail | undefined => stack.emailsTo(`${userId}@example.test`)[0];

  beforeAll(async () => {
    stack = await startSeedStack({ apiEnv: { DATE_TRIGGER_SWEEP_MS: '500' } });
  });
  afterAll(() => stack?.close());

  it('alerts kibble buyers of 14 days ago at once, XL buyers a week later, unless they reordered', async () => {
    const draft = await stack.importTemplate('miaoum-kibble-stock-alert');
    const scenarioId = draft.id;
    const buyers: [firstName: string, packSize: string, animal: string, daysAgo: number, consent: boolean][] =
      [
        ['Sia', 'S', 'cat', 14, true],
        ['Mat', 'M', 'dog', 14, true],
        ['Lou', 'L', 'rodent', 14, true],
        ['Xena', 'XL', 'dog', 14, true],
        ['Xavier', 'XL', 'cat', 14, true], // reorders during his extra week
        ['Nina', 'M', 'cat', 14, false], // never agreed to emails
        ['Rita', 'S', 'cat', 13, true], // not due yet
      ];
    for (const [firstName, packSize, animal, daysAgo, consent] of buyers) {
      const userId = firstName.toLowerCase();
      await stack.putCustomer(userId, {
        firstName,
        email: `${userId}@example.test`,
        consents: consent ? { email: 'granted' } : {},
      });
      await stack.track(
        userId,
        'order.completed',
        { product: 'kibble', packSize, animal, total: 40 },
        daysAgoInParis(daysAgo),
      );
    }
    // Treats are not kibble: ordered 14 days ago, no alert.
    await stack.putCustomer('tom', {
      firstName: 'Tom',
      email: 'tom@example.test',
      consents: { email: 'granted' },
    });
    await stack.track(
      'tom',
      'order.completed',
      { product: 'treats', packSize: 'S', total: 9 },
      daysAgoInParis(14),
    );

    await stack.publishScaled(draft, { secondsPerDay: SECONDS_PER_DAY });

    // Xavier orders kibble again while his XL alert waits: the exit criterion ends his journey.
    await stack.until('Xavier to wait his extra week', async () =>
      (await stack.journeys(scenarioId)).find((j) => j.userId === 'xavier')?.path.includes('pack-size:xl')
        ? true
        : undefined,
    );
    await stack.track('xavier', 'order.completed', {
      product: 'kibble',
      packSize: 'XL',
      animal: 'cat',
      total: 60,
    });

    const journeys = await stack.until(
      'every entrant to be done',
      async () => {
        const rows = await stack.journeys(scenarioId);
        return rows.length === 6 && rows.every((j) => j.status !== 'running' && j.status !== 'pending')
          ? rows
          : undefined;
      },
      60_000,
    );
    const sent = await stack.ledger(scenarioId);

    // Who: every kibble buyer of 14 days ago entered; Rita and Tom did not.
    expect(journeys.map((j) => [j.userId, j.status, j.exitReason])).toEqual([
      ['lou', 'completed', null],
      ['mat', 'completed', null],
      ['nina', 'completed', null],
      ['sia', 'completed', null],
      ['xavier', 'exited', 'event:order.completed'],
      ['xena', 'completed', null],
    ]);
    expect(journeys.find((j) => j.userId === 'nina')?.path).toEqual([
      'kibble-ordered:entered',
      'can-email:no',
      'done:exited',
    ]);
    expect(sent.map((row) => [row.userId, row.nodeId, row.channel, row.status]).sort()).toEqual([
      ['lou', 'stock-email', 'email', 'sent'],
      ['mat', 'stock-email', 'email', 'sent'],
      ['sia', 'stock-email', 'email', 'sent'],
      ['xena', 'stock-email', 'email', 'sent'],
    ]);
    for (const nobody of ['nina', 'rita', 'tom', 'xavier'])
      expect(stack.emailsTo(`${nobody}@example.test`)).toEqual([]);
    expect(stack.smtp.messages).toHaveLength(4);

    // When: S, M and L at once; XL a scaled week after entering, after all the others.
    const entered = (userId: string) => journeys.find((j) => j.userId === userId)!.enteredAt.getTime();
    const sentAt = (userId: string) => sent.find((row) => row.userId === userId)!.at.getTime();
    for (const userId of ['sia', 'mat', 'lou'])
      expect(sentAt(userId) - entered(userId)).toBeLessThan(XL_WEEK_MS);
    expect(sentAt('xena') - entered('xena')).toBeGreaterThanOrEqual(XL_WEEK_MS);
    expect(sentAt('xena')).toBeGreaterThan(Math.max(sentAt('sia'), sentAt('mat'), sentAt('lou')));

    // What: the wording and the reorder link of the pack that was bought.
    const wording: [firstName: string, packSize: string, sentence: string][] = [
      ['Sia', 'S', 'Votre sac S de 2 kg doit être presque vide.'],
      ['Mat', 'M', 'Votre sac M de 5 kg doit être presque vide.'],
      ['Lou', 'L', 'Votre sac L de 10 kg doit être presque vide.'],
      ['Xena', 'XL', 'Même un sac XL de 15 kg a une fin : le vôtre est presque vide.'],
    ];
    for (const [firstName, packSize, sentence] of wording) {
      const mail = emailOf(firstName.toLowerCase())!;
      expect(mail.subject).toBe('Votre stock de croquettes touche à sa fin');
      expect(bodyText(mail)).toContain(`Bonjour ${firstName},`);
      expect(bodyText(mail)).toContain(sentence);
      expect(bodyText(mail)).toContain(`Recommander le même sac (${packSize})`);
      expect(String(mail.html)).toContain(`Recommandez votre sac ${packSize} en un clic`);
    }
  });

  it('shows the block of the animal the customer buys for', () => {
    const blocks: [string, string][] = [
      ['sia', 'Pour votre chat'],
      ['mat', 'Pour votre chien'],
      ['lou', 'Pour votre rongeur'],
      ['xena', 'Pour votre chien'],
    ];
    for (const [userId, block] of blocks) expect(bodyText(emailOf(userId)!)).toContain(block);
  });
});
