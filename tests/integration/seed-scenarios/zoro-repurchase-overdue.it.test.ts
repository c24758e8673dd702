import { randomUUID } from 'node:crypto';
import { bodyText, type SeedStack, startSeedStack } from './seed-stack';

const DAY_MS = 86_400_000;
/** A scenario day lasts a second: the 14-day conversion window is 14 s. */
const SECONDS_PER_DAY = 1;

interface Order {
  daysAgo: number;
  department: string;
  promotion?: string;
}

interface ComputedTrait {
  key: string;
  computedAt: string | null;
  scales: Record<string, number[]> | null;
}

/** Seed 002, scenario 4, from its template over the real stack: overdue 3-month buyers, by promophilie and department. */
describe('Zoro repurchase delay exceeded (seed 002, scenario 4)', () => {
  let stack: SeedStack;
  beforeAll(async () => {
    stack = await startSeedStack();
  });
  afterAll(() => stack?.close());

  /** A customer's whole order history in one batch call, so their traits are computed from all of it at once. */
  async function orders(userId: string, history: Order[]) {
    const res = await stack.ingest<{ accepted: number }>('POST', '/v1/batch', {
      batch: history.map(({ daysAgo, department, promotion }) => ({
        type: 'track',
        userId,
        event: 'order.completed',
        properties: { department, total: 60, ...(promotion ? { promotion } : {}) },
        timestamp: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
        messageId: randomUUID(),
      })),
    });
    expect(res).toMatchObject({ status: 200, body: { accepted: history.length } });
  }

  const traits = async () => (await stack.admin<ComputedTrait[]>('GET', '/computed-traits')).body;

  it('emails overdue quarterly buyers a code if they are promophiles and the block of their department', async () => {
    const draft = await stack.importTemplate('zoro-repurchase-overdue');
    await stack.segmentsBuilt();
    await stack.until('the first computation of the traits', async () =>
      (await traits()).every((t) => t.computedAt !== null) ? true : undefined,
    );

    // The base the promophilie deciles are measured on: seven customers who never use a code, three
    // who do half the time. Two orders each: no repurchase cycle, so none of them is overdue.
    for (let i = 1; i <= 10; i++) {
      await orders(`base-${i}`, [
        { daysAgo: 40, department: 'denim', promotion: i > 7 ? 'SOLDES' : undefined },
        { daysAgo: 20, department: 'denim' },
      ]);
    }
    const before = (await traits()).find((t) => t.key === 'promophilie')!.computedAt!;
    expect((await stack.admin('POST', '/computed-traits/promophilie/compute')).status).toBe(202);
    const promophilie = await stack.until('the base to be measured', async () => {
      const trait = (await traits()).find((t) => t.key === 'promophilie')!;
      return trait.computedAt! > before ? trait : undefined;
    });
    // Nine cut points, none above one half: a customer always using codes is in the top decile.
    expect(promophilie.scales?.share).toHaveLength(9);
    expect(Math.max(...promophilie.scales!.share)).toBe(0.5);

    await stack.publishScaled(draft, { secondsPerDay: SECONDS_PER_DAY });

    /** Four orders 90 days apart, the next one due `dueDaysAgo` days ago (negative: still to come). */
    const every90Days = (dueDaysAgo: number, department: string, promotion?: string): Order[] =>
      [360, 270, 180, 90].map((back, i) => ({
        daysAgo: dueDaysAgo + back,
        department,
        // A promophile uses a code on every order but the first.
        promotion: promotion && i > 0 ? promotion : undefined,
      }));
    const customers: [firstName: string, consent: boolean, history: Order[]][] = [
      ['Alice', true, every90Days(10, 'denim', 'ETE15')], // 10 days overdue, promophile
      ['Bruno', true, every90Days(30, 'cosy')], // 30 days overdue, pays full price
      ['Chloe', false, every90Days(20, 'skirts', 'ETE15')], // overdue, never agreed to emails
      ['David', true, every90Days(-60, 'skirts')], // next order due in 60 days
      // Orders now and then: no usual interval of two to four months.
      ['Emma', true, [300, 290, 100, 95].map((daysAgo) => ({ daysAgo, department: 'cosy' }))],
    ];
    for (const [firstName, consent, history] of customers) {
      const userId = firstName.toLowerCase();
      await stack.putCustomer(userId, {
        firstName,
        email: `${userId}@example.test`,
        consents: consent ? { email: 'granted' } : {},
      });
      await orders(userId, history);
    }

    // Everyone's traits are computed (and their segment decided in the same refresh).
    await stack.until('the customers’ repurchase cycles', async () => {
      for (const [firstName] of customers) {
        const { body } = await stack.admin<{ computedTraits: Record<string, unknown> }>(
          'GET',
          `/profiles/${firstName.toLowerCase()}`,
        );
        if (!body.computedTraits.repurchase) return undefined;
      }
      return true;
    });
    const journeys = await stack.until('Alice and Bruno emailed, Chloe done', async () => {
      const rows = await stack.journeys(draft.id);
      const done = rows.map((j) => [j.userId, j.path.slice(0, 3)]);
      return JSON.stringify(done) ===
        JSON.stringify([
          ['alice', ['overdue:entered', 'can-email:yes', 'comeback-email:sent']],
          ['bruno', ['overdue:entered', 'can-email:yes', 'comeback-email:sent']],
          ['chloe', ['overdue:entered', 'can-email:no', 'done:exited']],
        ])
        ? rows
        : undefined;
    });
    const [aliceMail, ...aliceMore] = stack.emailsTo('alice@example.test');
    const [brunoMail, ...brunoMore] = stack.emailsTo('bruno@example.test');
    expect([...aliceMore, ...brunoMore]).toEqual([]);

    // What: Alice, a promophile, gets the code; Bruno the new collection; each their department.
    expect(aliceMail.subject).toBe('Alice, la nouvelle collection est arrivée');
    expect(bodyText(aliceMail)).toContain('Bonjour Alice,');
    expect(bodyText(aliceMail)).toContain('-20 % avec le code RETOUR20');
    expect(bodyText(aliceMail)).toContain('Denim : nos nouvelles coupes droites et mom.');
    expect(bodyText(aliceMail)).not.toContain('Cosy');
    expect(brunoMail.subject).toBe('Bruno, la nouvelle collection est arrivée');
    expect(bodyText(brunoMail)).not.toContain('RETOUR20');
    expect(bodyText(brunoMail)).toContain('Découvrez en avant-première les nouveautés de la saison.');
    expect(bodyText(brunoMail)).toContain("Cosy : mailles douces et sweats pour l'hiver.");
    expect(bodyText(brunoMail)).not.toContain('Denim :');

    // When: as soon as they were found overdue. Who else: nobody.
    const sent = await stack.ledger(draft.id);
    for (const row of sent) {
      const entered = journeys.find((j) => j.userId === row.userId)!.enteredAt.getTime();
      expect(row.at.getTime() - entered).toBeLessThan(5_000);
    }
    expect(sent.map((row) => [row.userId, row.status])).toEqual(
      expect.arrayContaining([
        ['alice', 'sent'],
        ['bruno', 'sent'],
      ]),
    );
    expect(sent).toHaveLength(2);
    for (const nobody of ['chloe', 'david', 'emma'])
      expect(stack.emailsTo(`${nobody}@example.test`)).toEqual([]);
    expect(stack.smtp.messages).toHaveLength(2);
  });
});
