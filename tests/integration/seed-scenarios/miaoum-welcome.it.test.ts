import { bodyText, type SeedStack, SMS_SENDER, startSeedStack } from './seed-stack';

/** Three days of the scenario last 9 s: time enough to open the first email before the reminder. */
const SECONDS_PER_DAY = 3;
const REMINDER_AFTER_MS = 3 * SECONDS_PER_DAY * 1_000;

/** Seed 002, scenario 1, from its template over the real stack: welcome by email or SMS, then a reminder. */
describe('Mia(ou)m welcome pack (seed 002, scenario 1)', () => {
  let stack: SeedStack;
  beforeAll(async () => {
    stack = await startSeedStack();
  });
  afterAll(() => stack?.close());

  it('welcomes newcomers on the channel they can be reached on, and reminds only those who did not open', async () => {
    const draft = await stack.importTemplate('miaoum-welcome-pack');
    await stack.segmentsBuilt();
    await stack.publishScaled(draft, { secondsPerDay: SECONDS_PER_DAY });

    // Léa subscribes to the newsletter for her cat and will not open the email.
    await stack.putCustomer('lea', {
      firstName: 'Léa',
      email: 'lea@example.test',
      consents: { email: 'granted' },
    });
    await stack.track('lea', 'newsletter.subscribed', { animal: 'cat' });
    // Max looked at dog food before creating his account; he will open the email.
    await stack.putCustomer('max', {
      firstName: 'Max',
      email: 'max@example.test',
      consents: { email: 'granted' },
    });
    await stack.track('max', 'product.viewed', { animal: 'dog' });
    await stack.track('max', 'account.created', {});
    // Sam said no to emails (the address is known) but yes to texts.
    await stack.putCustomer('sam', {
      firstName: 'Sam',
      email: 'sam@example.test',
      phone: '+33612345678',
      consents: { email: 'revoked', sms: 'granted' },
    });
    await stack.track('sam', 'account.created', {});
    // Noah gave an address and nothing else: no email, no text.
    await stack.putCustomer('noah', { firstName: 'Noah', email: 'noah@example.test' });
    await stack.track('noah', 'newsletter.subscribed', { animal: 'rodent' });

    const [maxWelcome] = await stack.until('the welcome email to Max', async () => {
      const mails = stack.emailsTo('max@example.test');
      return mails.length > 0 ? mails : undefined;
    });
    const pixel = /<img src="([^"]+\/t\/o\/[^"]+)"/.exec(String(maxWelcome.html))?.[1];
    expect(pixel).toBeDefined();
    expect((await fetch(pixel!)).status).toBe(200);

    const scenarioId = draft.id;
    const journeys = await stack.until(
      'the four journeys to end',
      async () => {
        const rows = await stack.journeys(scenarioId);
        return rows.length === 4 && rows.every((j) => j.status === 'completed') ? rows : undefined;
      },
      60_000,
    );
    const pathOf = (userId: string) => journeys.find((j) => j.userId === userId)?.path;
    expect(pathOf('lea')).toEqual([
      'newcomer:entered',
      'can-email:yes',
      'welcome-email:sent',
      'wait-3-days:waited',
      'opened:no',
      'reminder-email:sent',
      'reminded:exited',
    ]);
    expect(pathOf('max')).toEqual([
      'newcomer:entered',
      'can-email:yes',
      'welcome-email:sent',
      'wait-3-days:waited',
      'opened:yes',
      'engaged:exited',
    ]);
    expect(pathOf('sam')).toEqual(['newcomer:entered', 'can-email:no', 'welcome-sms:sent', 'texted:exited']);
    expect(pathOf('noah')).toEqual([
      'newcomer:entered',
      'can-email:no',
      'welcome-sms:skipped:no_sms_address',
      'texted:exited',
    ]);

    // Léa: the welcome with the cat block, then the reminder a scaled three days later.
    const [leaWelcome, leaReminder, ...leaMore] = stack.emailsTo('lea@example.test');
    expect(leaMore).toEqual([]);
    expect(leaWelcome.subject).toBe('Bienvenue chez Mia(ou)m, Léa : -15 % pour commencer');
    expect(bodyText(leaWelcome)).toContain('Bonjour Léa,');
    expect(bodyText(leaWelcome)).toContain('BIENVENUE15');
    expect(bodyText(leaWelcome)).toContain('Pour votre chat');
    expect(bodyText(leaWelcome)).not.toContain('Pour votre chien');
    expect(leaReminder.subject).toBe("Léa, il n'est pas trop tard pour votre offre de bienvenue");
    expect(bodyText(leaReminder)).toContain('Pour votre chat');

    // Max: the welcome with the dog block, once.
    expect(stack.emailsTo('max@example.test')).toHaveLength(1);
    expect(maxWelcome.subject).toBe('Bienvenue chez Mia(ou)m, Max : -15 % pour commencer');
    expect(bodyText(maxWelcome)).toContain('Pour votre chien');
    expect(bodyText(maxWelcome)).not.toContain('Pour votre chat');

    // Sam: the offer by text only; Noah: nothing anywhere.
    expect(stack.emailsTo('sam@example.test')).toEqual([]);
    expect(stack.textsTo('+33612345678').map((sms) => [sms.form.From, sms.form.Body])).toEqual([
      [
        SMS_SENDER,
        'Mia(ou)m : bienvenue Sam ! -15% sur votre 1re commande avec le code BIENVENUE15. STOP pour ne plus recevoir de SMS',
      ],
    ]);
    expect(stack.emailsTo('noah@example.test')).toEqual([]);
    expect(stack.twilio.requests).toHaveLength(1);
    expect(stack.smtp.messages).toHaveLength(3);

    // When: the reminder left at least the scaled three days after the welcome.
    const sent = await stack.ledger(scenarioId);
    const at = (userId: string, nodeId: string) =>
      sent
        .find((row) => row.userId === userId && row.nodeId === nodeId && row.status === 'sent')!
        .at.getTime();
    expect(at('lea', 'reminder-email') - at('lea', 'welcome-email')).toBeGreaterThanOrEqual(
      REMINDER_AFTER_MS,
    );
    expect(sent.map((row) => [row.userId, row.nodeId, row.channel, row.status]).sort()).toEqual([
      ['lea', 'reminder-email', 'email', 'sent'],
      ['lea', 'welcome-email', 'email', 'sent'],
      ['max', 'welcome-email', 'email', 'sent'],
      ['noah', 'welcome-sms', 'sms', 'skipped'],
      ['sam', 'welcome-sms', 'sms', 'sent'],
    ]);
  });
});
