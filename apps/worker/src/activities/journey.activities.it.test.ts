import { compileScenario, welcomeScenario } from '@parcours/domain';
import { type JourneyContext, type JourneyStep } from '@parcours/domain/journey';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/activity';
import { Pool } from 'pg';
import { createTestDatabase } from '../../../../tests/support/apps';
import { freePort } from '../../../../tests/support/ports';
import { type SmtpCapture, startSmtpCapture } from '../../../../tests/support/smtp-capture';
import { emailSettings, loadWorkerConfig } from '../config';
import { createSmtpMailer } from '../email/smtp-mailer';
import { journeyActivityDependencies } from '../worker';
import { createJourneyActivities, type JourneyActivityDependencies } from './journey.activities';

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
      `INSERT INTO scenario_versions (workspace_id, scenario_id, version, graph, definition, trigger_type) VALUES ($1, $2, 1, $3, $4, 'trigger.event') RETURNING id`,
      [workspaceId, scenarioId, welcomeScenario, definition],
    ));
  });

  afterAll(async () => {
    mailers.forEach((m) => m.close());
    await smtp?.close();
    await pool?.end();
  });

  function dependencies(smtpUrl = smtp.url): JourneyActivityDependencies {
    const mailer = createSmtpMailer(smtpUrl, 100);
    mailers.push(mailer);
    return journeyActivityDependencies(pool, mailer, {
      email: emailSettings(
        loadWorkerConfig({
          DATABASE_URL: 'postgres://unused',
          EMAIL_FROM: 'Parcours Test <test@parcours.local>',
        }),
      ),
    });
  }
  const activities = (smtpUrl?: string) => createJourneyActivities(dependencies(smtpUrl));
  const at = (context: JourneyContext, step: JourneyStep, now = Date.now()) => ({
    context,
    step,
    index: 3,
    iteration: 0,
    variables: {},
    now,
  });

  /** A customer with a journey that has just entered the scenario. */
  async function customer(
    email: string,
    consent: 'granted' | 'revoked' | null,
    traits: Record<string, unknown> = {},
  ): Promise<JourneyContext> {
    const consents = consent ? { email: { status: consent, at: new Date().toISOString() } } : {};
    const {
      rows: [profile],
    } = await pool.query(
      `INSERT INTO profiles (workspace_id, external_id, email, traits, consents) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [workspaceId, email, email, { firstName: email.split('@')[0], country: 'FR', ...traits }, consents],
    );
    return enter(profile.id, scenarioId, versionId);
  }

  /** A journey of the given profile in the given scenario version, started. */
  async function enter(profileId: string, inScenario: string, inVersion: string): Promise<JourneyContext> {
    const {
      rows: [journey],
    } = await pool.query(
      `INSERT INTO journeys (workspace_id, scenario_id, scenario_version_id, profile_id, entry_key, workflow_id)
       VALUES ($1, $2, $3, $4, 'k', $5) RETURNING id`,
      [workspaceId, inScenario, inVersion, profileId, `wf-${inScenario}-${profileId}`],
    );
    const { loadJourney } = activities();
    // MockActivityEnvironment.run does not infer an activity's result type: it is named here.
    const loaded = await env.run<
      Parameters<typeof loadJourney>,
      Awaited<ReturnType<typeof loadJourney>>,
      typeof loadJourney
    >(loadJourney, { journeyId: journey.id, resumed: false });
    if ('ended' in loaded) throw new Error(`journey ended: ${loaded.ended}`);
    expect(loaded.definition).toEqual(definition);
    return loaded.context;
  }

  const ledgerOf = async (context: JourneyContext) =>
    (await pool.query(`SELECT status, reason FROM message_ledger WHERE journey_id = $1`, [context.journeyId]))
      .rows;
  const sentTo = (email: string) => smtp.messages.filter((m) => !Array.isArray(m.to) && m.to?.text === email);

  it('sends once, personalised, and a retry of the same step sends nothing more', async () => {
    const context = await customer('anna@example.test', 'granted');
    const send = () => env.run(activities().executeStep, at(context, emailStep));
    expect(await send()).toEqual({ port: 'out', outcome: 'sent' });
    expect(await send()).toEqual({ port: 'out', outcome: 'sent' });
    await smtp.waitForMessages(1);
    const [mail] = sentTo('anna@example.test');
    expect(mail.subject).toBe('Bonjour anna');
    const [{ id: ledgerId }] = (
      await pool.query(`SELECT id FROM message_ledger WHERE journey_id = $1`, [context.journeyId])
    ).rows;
    expect(mail.messageId).toBe(`<${ledgerId}@parcours>`);
    expect(sentTo('anna@example.test')).toHaveLength(1);
    expect(await ledgerOf(context)).toEqual([{ status: 'sent', reason: null }]);
  });

  it.each([
    ['revoked', 'no_email_consent'],
    [null, 'no_email_consent'],
  ] as const)('never sends without granted consent (%s)', async (consent, reason) => {
    const context = await customer(`c-${String(consent)}@example.test`, consent);
    expect(await env.run(activities().executeStep, at(context, emailStep))).toEqual({
      port: 'out',
      outcome: `skipped:${reason}`,
    });
    expect(await ledgerOf(context)).toEqual([{ status: 'skipped', reason }]);
    expect(sentTo(`c-${String(consent)}@example.test`)).toHaveLength(0);
  });

  it('does not resend when an earlier attempt died mid-send (in doubt)', async () => {
    const context = await customer('doubt@example.test', 'granted');
    await pool.query(
      `INSERT INTO message_ledger (workspace_id, journey_id, node_id, profile_id, channel, status) VALUES ($1, $2, 'email-fr', $3, 'email', 'sending')`,
      [workspaceId, context.journeyId, context.profileId],
    );
    await env.run(activities().executeStep, at(context, emailStep));
    expect(await ledgerOf(context)).toEqual([
      { status: 'failed', reason: expect.stringMatching(/^in_doubt/) },
    ]);
    expect(sentTo('doubt@example.test')).toHaveLength(0);
  });

  it('releases the claim and asks Temporal to retry when SMTP is unreachable, then sends once it is back', async () => {
    const context = await customer('down@example.test', 'granted');
    const closedPort = await freePort();
    const attempt = env.run(activities(`smtp://127.0.0.1:${closedPort}`).executeStep, at(context, emailStep));
    await expect(attempt).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(attempt).rejects.toMatchObject({ nonRetryable: false, type: 'ProviderUnavailable' });
    expect(await ledgerOf(context)).toEqual([]);
    await env.run(activities().executeStep, at(context, emailStep));
    expect(await ledgerOf(context)).toEqual([{ status: 'sent', reason: null }]);
  });

  it('records a permanent 5xx refusal as failed, without retrying', async () => {
    const context = await customer('bounce@example.test', 'granted');
    expect(await env.run(activities().executeStep, at(context, emailStep))).toEqual({
      port: 'out',
      outcome: 'failed:permanent',
    });
    expect(await ledgerOf(context)).toEqual([
      { status: 'failed', reason: expect.stringMatching(/^permanent: .*550/) },
    ]);
  });

  it('sends nothing once the profile is erased or the journey was ended from outside', async () => {
    const erased = await customer('erased@example.test', 'granted');
    await pool.query(`UPDATE profiles SET erased_at = now() WHERE id = $1`, [erased.profileId]);
    await env.run(activities().executeStep, at(erased, emailStep));
    const exited = await customer('exited@example.test', 'granted');
    await pool.query(`UPDATE journeys SET status = 'exited', exit_reason = 'stopped' WHERE id = $1`, [
      exited.journeyId,
    ]);
    expect(await env.run(activities().executeStep, at(exited, emailStep))).toEqual({ ended: 'stopped' });
    // Even a send that got past the journey check is refused at the ledger claim.
    const deps = dependencies();
    jest.spyOn(deps.journeys, 'endedReason').mockResolvedValue(null);
    expect(await env.run(createJourneyActivities(deps).executeStep, at(exited, emailStep))).toEqual({
      port: 'out',
      outcome: 'skipped:journey_ended',
    });
    expect(sentTo('erased@example.test')).toHaveLength(0);
    expect(sentTo('exited@example.test')).toHaveLength(0);
    expect(await ledgerOf(exited)).toEqual([]);
  });

  it('evaluates conditions on the profile as it is now', async () => {
    const context = await customer('cond@example.test', 'granted');
    const step = definition.steps['check-country'];
    expect(await env.run(activities().evaluateStep, at(context, step))).toMatchObject({ port: 'yes' });
    await pool.query(`UPDATE profiles SET traits = traits || '{"country":"DE"}' WHERE id = $1`, [
      context.profileId,
    ]);
    expect(await env.run(activities().evaluateStep, at(context, step))).toMatchObject({ port: 'no' });
  });

  it('refuses, without retry, a journey that does not exist', async () => {
    await expect(
      env.run(activities().loadJourney, {
        journeyId: '00000000-0000-4000-8000-000000000000',
        resumed: false,
      }),
    ).rejects.toMatchObject({
      nonRetryable: true,
      type: 'JourneyNotFound',
    });
  });

  describe('pressure rules', () => {
    const setRules = (rules: unknown) =>
      pool.query(`UPDATE workspaces SET pressure_rules = $2 WHERE id = $1`, [workspaceId, rules]);
    afterEach(() => setRules({}));

    it('defers a marketing email across scenarios when the daily cap is reached, and records it', async () => {
      await setRules({ caps: [{ channel: 'email', max: 1, per: 'day' }] });
      const first = await customer('capped@example.test', 'granted');
      const {
        rows: [other],
      } = await pool.query(
        `WITH s AS (INSERT INTO scenarios (workspace_id, name, draft, status, current_version)
                    VALUES ($1, 'other', $2, 'live', 1) RETURNING id)
         INSERT INTO scenario_versions (workspace_id, scenario_id, version, graph, definition, trigger_type)
         SELECT $1, s.id, 1, $2, $3, 'trigger.event' FROM s RETURNING id, scenario_id`,
        [workspaceId, welcomeScenario, definition],
      );
      const second = await enter(first.profileId, other.scenario_id, other.id);
      const now = Date.parse('2026-11-22T10:00:00Z');
      expect(await env.run(activities().executeStep, at(first, emailStep, now))).toMatchObject({
        outcome: 'sent',
      });
      const deferred = await env.run(activities().executeStep, at(second, emailStep, now + 3_600_000));
      expect(deferred).toEqual({ deferUntil: expect.any(String), outcome: 'deferred:frequency_cap' });
      // The first send was claimed at `now`: the cap frees a slot a day later.
      expect(Date.parse((deferred as { deferUntil: string }).deferUntil)).toBe(now + 86_400_000);
      const { rows } = await pool.query(`SELECT reason FROM message_deferrals WHERE journey_id = $1`, [
        second.journeyId,
      ]);
      expect(rows).toEqual([{ reason: 'frequency_cap' }]);
      // Once the window has passed, the same step sends.
      expect(await env.run(activities().executeStep, at(second, emailStep, now + 86_400_001))).toMatchObject({
        outcome: 'sent',
      });
      expect(sentTo('capped@example.test')).toHaveLength(2);
    });

    it('holds marketing email in quiet hours in the customer timezone, not transactional email', async () => {
      await setRules({ quietHours: { start: '21:00', end: '08:00', defaultTimezone: 'UTC' } });
      const now = Date.parse('2026-11-22T21:30:00Z'); // 22:30 in Paris, 16:30 in New York
      const paris = await customer('paris@example.test', 'granted', { timezone: 'Europe/Paris' });
      const newYork = await customer('ny@example.test', 'granted', { timezone: 'America/New_York' });
      expect(await env.run(activities().executeStep, at(paris, emailStep, now))).toEqual({
        deferUntil: '2026-11-23T07:00:00.000Z', // 08:00 in Paris
        outcome: 'deferred:quiet_hours',
      });
      expect(await env.run(activities().executeStep, at(newYork, emailStep, now))).toMatchObject({
        outcome: 'sent',
      });
      const transactional = { ...emailStep, config: { ...emailStep.config, category: 'transactional' } };
      expect(await env.run(activities().executeStep, at(paris, transactional, now))).toMatchObject({
        outcome: 'sent',
      });
    });

    it('skips instead of deferring when the workspace says so, and records why', async () => {
      await setRules({
        quietHours: { start: '00:00', end: '23:59', defaultTimezone: 'UTC' },
        whenLimited: 'skip',
      });
      const context = await customer('skip@example.test', 'granted');
      expect(await env.run(activities().executeStep, at(context, emailStep))).toEqual({
        port: 'out',
        outcome: 'skipped:quiet_hours',
      });
      expect(await ledgerOf(context)).toEqual([{ status: 'skipped', reason: 'quiet_hours' }]);
    });
  });

  it('updates the profile once per step, even when the activity is retried', async () => {
    const context = await customer('update@example.test', 'granted', { visits: 2 });
    const step: JourneyStep = {
      id: 'count',
      type: 'update.profile',
      typeVersion: 1,
      kind: 'action',
      config: {
        set: { tier: 'gold' },
        unset: ['country'],
        increment: { visits: 1, fresh: 5 },
        fromVariables: {},
      },
      next: { out: 'exit' },
    };
    await env.run(activities().executeStep, at(context, step));
    await env.run(activities().executeStep, at(context, step));
    const { rows } = await pool.query(`SELECT traits FROM profiles WHERE id = $1`, [context.profileId]);
    expect(rows[0].traits).toEqual({ firstName: 'update', tier: 'gold', visits: 3, fresh: 5 });
    await env.run(activities().executeStep, { ...at(context, step), iteration: 1 });
    const again = await pool.query(`SELECT traits->'visits' AS visits FROM profiles WHERE id = $1`, [
      context.profileId,
    ]);
    expect(again.rows[0].visits).toBe(4);
  });

  it('keeps a recorded conversion: a late write of the terminated workflow does not undo it', async () => {
    const context = await customer('converted@example.test', 'granted');
    const goal = { context, step: { id: 'bought', type: 'goal' }, index: 4, iteration: 0 };
    const conversion = { eventId: 'e1', occurredAt: new Date().toISOString(), revenue: 12.5 };
    await env.run(activities().recordStep, { ...goal, outcome: 'waiting' });
    // As the event router records it, the journey exiting on the converting event.
    await pool.query(
      `UPDATE journey_steps SET outcome = 'converted', detail = $2, finished_at = now()
       WHERE journey_id = $1 AND step_index = 4`,
      [context.journeyId, conversion],
    );
    await env.run(activities().recordStep, { ...goal, outcome: 'not_converted' });
    await env.run(activities().recordStep, { ...goal, outcome: 'waiting' });
    const { rows } = await pool.query(
      `SELECT outcome, detail, finished_at IS NOT NULL AS finished FROM journey_steps
       WHERE journey_id = $1 AND step_index = 4`,
      [context.journeyId],
    );
    expect(rows).toEqual([{ outcome: 'converted', detail: conversion, finished: true }]);
  });
});
