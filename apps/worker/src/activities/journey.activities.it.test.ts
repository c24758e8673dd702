import { welcomeScenario, compileScenario } from '@parcours/domain';
import { type JourneyContext, type JourneyStep } from '@parcours/domain/journey';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/activity';
import { Pool } from 'pg';
import { createTestDatabase } from '../../../../tests/support/apps';
import { freePort } from '../../../../tests/support/ports';
import { type SmtpCapture, startSmtpCapture } from '../../../../tests/support/smtp-capture';
import { createSmtpMailer } from '../email/smtp-mailer';
import { JourneyStore } from '../persistence/journey-store';
import { MessageLedger } from '../persistence/message-ledger';
import { ProfileStore } from '../persistence/profile-store';
import { createJourneyActivities } from './journey.activities';

const definition = compileScenario(welcomeScenario);
const emailStep: JourneyStep = definition.steps['email-fr'];

describe('journey activities against real Postgres and SMTP', () => {
  let pool: Pool;
  let smtp: SmtpCapture;
  let workspaceId: string;
  let versionId: string;
  let scenarioId: string;
  const env = new MockActivityEnvironment();
  const mailers: { close(): void }[] = [];

  beforeAll(async () => {
    pool = new Pool({ connectionString: await createTestDatabase() });
    smtp = await startSmtpCapture({ refuseRecipient: (a) => (a.startsWith('bounce') ? 550 : undefined) });
    ({
      rows: [{ id: workspaceId }],
    } = await pool.query(`INSERT INTO workspaces (name) VALUES ('w') RETURNING id`));
    ({
      rows: [{ id: scenarioId }],
    } = await pool.query(
      `INSERT INTO scenarios (workspace_id, name, draft, status, current_version) VALUES ($1, 's', $2, 'live', 1) RETURNING id`,
      [workspaceId, welcomeScenario],
    ));
    ({
      rows: [{ id: versionId }],
    } = await pool.query(
      `INSERT INTO scenario_versions (workspace_id, scenario_id, version, graph, definition) VALUES ($1, $2, 1, $3, $4) RETURNING id`,
      [workspaceId, scenarioId, welcomeScenario, definition],
    ));
  });

  afterAll(async () => {
    mailers.forEach((m) => m.close());
    await smtp?.close();
    await pool?.end();
  });

  function activities(smtpUrl = smtp.url) {
    const mailer = createSmtpMailer(smtpUrl, 100);
    mailers.push(mailer);
    return createJourneyActivities({
      journeys: new JourneyStore(pool),
      profiles: new ProfileStore(pool),
      ledger: new MessageLedger(pool),
      mailer,
      emailFrom: 'Parcours Test <test@parcours.local>',
    });
  }

  /** A customer with a journey that has just entered the scenario. */
  async function customer(email: string, consent: 'granted' | 'revoked' | null): Promise<JourneyContext> {
    const consents = consent ? { email: { status: consent, at: new Date().toISOString() } } : {};
    const {
      rows: [profile],
    } = await pool.query(
      `INSERT INTO profiles (workspace_id, external_id, email, traits, consents) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [workspaceId, email, email, { firstName: email.split('@')[0], country: 'FR' }, consents],
    );
    const {
      rows: [journey],
    } = await pool.query(
      `INSERT INTO journeys (workspace_id, scenario_id, scenario_version_id, profile_id, entry_key, workflow_id)
       VALUES ($1, $2, $3, $4, 'k', $5) RETURNING id`,
      [workspaceId, scenarioId, versionId, profile.id, `wf-${email}`],
    );
    const loaded = await env.run(activities().loadJourney, journey.id);
    expect(loaded.definition).toEqual(definition);
    return loaded.context;
  }

  const ledgerOf = async (context: JourneyContext) =>
    (await pool.query(`SELECT status, reason FROM message_ledger WHERE journey_id = $1`, [context.journeyId]))
      .rows;
  const sentTo = (email: string) => smtp.messages.filter((m) => !Array.isArray(m.to) && m.to?.text === email);

  it('sends once, personalised, and a retry of the same step sends nothing more', async () => {
    const context = await customer('anna@example.test', 'granted');
    const send = () => env.run(activities().runAction, { context, step: emailStep, index: 3 });
    expect(await send()).toBe('out');
    expect(await send()).toBe('out');
    await smtp.waitForMessages(1);
    const [mail] = sentTo('anna@example.test');
    expect(mail.subject).toBe('Bonjour anna');
    expect(mail.messageId).toBe(`<${context.journeyId}.email-fr@parcours>`);
    expect(sentTo('anna@example.test')).toHaveLength(1);
    expect(await ledgerOf(context)).toEqual([{ status: 'sent', reason: null }]);
  });

  it.each([
    ['revoked', 'no_email_consent'],
    [null, 'no_email_consent'],
  ] as const)('never sends without granted consent (%s)', async (consent, reason) => {
    const context = await customer(`c-${String(consent)}@example.test`, consent);
    expect(await env.run(activities().runAction, { context, step: emailStep, index: 3 })).toBe('out');
    expect(await ledgerOf(context)).toEqual([{ status: 'skipped', reason }]);
    expect(sentTo(`c-${String(consent)}@example.test`)).toHaveLength(0);
  });

  it('does not resend when an earlier attempt died mid-send (in doubt)', async () => {
    const context = await customer('doubt@example.test', 'granted');
    await pool.query(
      `INSERT INTO message_ledger (workspace_id, journey_id, node_id, profile_id, channel, status) VALUES ($1, $2, 'email-fr', $3, 'email', 'sending')`,
      [workspaceId, context.journeyId, context.profileId],
    );
    await env.run(activities().runAction, { context, step: emailStep, index: 3 });
    expect(await ledgerOf(context)).toEqual([
      { status: 'failed', reason: expect.stringMatching(/^in_doubt/) },
    ]);
    expect(sentTo('doubt@example.test')).toHaveLength(0);
  });

  it('releases the claim and asks Temporal to retry when SMTP is unreachable, then sends once it is back', async () => {
    const context = await customer('down@example.test', 'granted');
    const closedPort = await freePort();
    const attempt = env.run(activities(`smtp://127.0.0.1:${closedPort}`).runAction, {
      context,
      step: emailStep,
      index: 3,
    });
    await expect(attempt).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(attempt).rejects.toMatchObject({ nonRetryable: false, type: 'SmtpUnavailable' });
    expect(await ledgerOf(context)).toEqual([]);
    await env.run(activities().runAction, { context, step: emailStep, index: 3 });
    expect(await ledgerOf(context)).toEqual([{ status: 'sent', reason: null }]);
  });

  it('records a permanent 5xx refusal as failed, without retrying', async () => {
    const context = await customer('bounce@example.test', 'granted');
    expect(await env.run(activities().runAction, { context, step: emailStep, index: 3 })).toBe('out');
    expect(await ledgerOf(context)).toEqual([
      { status: 'failed', reason: expect.stringMatching(/^permanent: .*550/) },
    ]);
  });

  it('sends nothing once the profile is erased or the journey was ended from outside', async () => {
    const erased = await customer('erased@example.test', 'granted');
    await pool.query(`UPDATE profiles SET erased_at = now() WHERE id = $1`, [erased.profileId]);
    await env.run(activities().runAction, { context: erased, step: emailStep, index: 3 });
    const exited = await customer('exited@example.test', 'granted');
    await pool.query(`UPDATE journeys SET status = 'exited', exit_reason = 'stopped' WHERE id = $1`, [
      exited.journeyId,
    ]);
    expect(await env.run(activities().runAction, { context: exited, step: emailStep, index: 3 })).toBeNull();
    // Even a send that got past the journey check is refused at the ledger claim.
    const journeys = new JourneyStore(pool);
    jest.spyOn(journeys, 'hasExited').mockResolvedValue(false);
    const racing = createJourneyActivities({
      journeys,
      profiles: new ProfileStore(pool),
      ledger: new MessageLedger(pool),
      mailer: mailers[0] as ReturnType<typeof createSmtpMailer>,
      emailFrom: 'x@parcours.local',
    });
    expect(await env.run(racing.runAction, { context: exited, step: emailStep, index: 3 })).toBe('out');
    expect(sentTo('erased@example.test')).toHaveLength(0);
    expect(sentTo('exited@example.test')).toHaveLength(0);
    expect(await ledgerOf(exited)).toEqual([]);
  });

  it('evaluates conditions on the profile as it is now', async () => {
    const context = await customer('cond@example.test', 'granted');
    const step = definition.steps['check-country'];
    expect(await env.run(activities().evaluateCondition, { context, step, index: 2 })).toBe('yes');
    await pool.query(`UPDATE profiles SET traits = traits || '{"country":"DE"}' WHERE id = $1`, [
      context.profileId,
    ]);
    expect(await env.run(activities().evaluateCondition, { context, step, index: 5 })).toBe('no');
  });

  it('refuses, without retry, a journey that does not exist', async () => {
    await expect(
      env.run(activities().loadJourney, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({
      nonRetryable: true,
      type: 'JourneyNotFound',
    });
  });
});
