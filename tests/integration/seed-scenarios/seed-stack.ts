import { randomBytes, randomUUID } from 'node:crypto';
import { type ScenarioGraph } from '@parcours/domain';
import { type ParsedMail } from 'mailparser';
import { type apiClient } from '../../support/apps';
import { explainedBy } from '../../support/app-process';
import { startJourneyStack } from '../../support/journey-stack';
import { waitFor } from '../../support/ports';
import { type SmtpCapture } from '../../support/smtp-capture';
import { startTwilioStandIn, type TwilioRequest, type TwilioStandIn } from '../../support/twilio-stand-in';
import { type ScaleOptions, scaleScenario } from './scale-scenario';

const TWILIO_ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
export const SMS_SENDER = '+33700000000';

type ApiClient = ReturnType<typeof apiClient>;

export interface Customer {
  firstName: string;
  email?: string;
  phone?: string;
  /** Channels on which the customer said yes (`revoked`: said no). */
  consents?: Partial<Record<'email' | 'sms', 'granted' | 'revoked'>>;
}

/** The plain-text part of an email on one line (it is wrapped at 78 columns). */
export const bodyText = (mail: ParsedMail) => (mail.text ?? '').replace(/\s+/g, ' ');

/** A message the engine recorded for a customer of a scenario (`message_ledger`). */
export interface LedgerRow {
  userId: string;
  nodeId: string;
  channel: string;
  status: string;
  reason: string | null;
  at: Date;
}

export interface JourneyRow {
  userId: string;
  status: string;
  exitReason: string | null;
  enteredAt: Date;
  /** `node:outcome` steps in order. */
  path: string[];
}

export interface SeedStack {
  smtp: SmtpCapture;
  twilio: TwilioStandIn;
  admin: ApiClient;
  ingest: ApiClient;
  /** `POST /scenario-templates/:id/import`: the draft scenario, its segments and traits installed. */
  importTemplate(templateId: string): Promise<{ id: string; graph: ScenarioGraph }>;
  /**
   * Resolves once every segment is built: a segment's first build is silent, so customers who are
   * to *enter* it (and start a journey) must arrive after.
   */
  segmentsBuilt(): Promise<void>;
  /** Saves the draft on the test's clock (`scaleScenario`) and publishes it. */
  publishScaled(scenario: { id: string; graph: ScenarioGraph }, options: ScaleOptions): Promise<void>;
  /** `PUT /profiles/:userId` with the address, phone, first name and consents. */
  putCustomer(userId: string, customer: Customer): Promise<void>;
  /** One track call through the write key, occurred at `at`. */
  track(userId: string, event: string, properties: Record<string, unknown>, at?: Date): Promise<void>;
  ledger(scenarioId: string): Promise<LedgerRow[]>;
  journeys(scenarioId: string): Promise<JourneyRow[]>;
  emailsTo(address: string): ParsedMail[];
  textsTo(phone: string): TwilioRequest[];
  /** Waits for `probe`, explaining a timeout with the API's and the worker's logs. */
  until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real stack for one seed scenario: a fresh database and workspace, the built API (with the
 * scheduling knobs the test needs) and worker on their own task queue, an SMTP capture, and a
 * stand-in for Twilio's API. Opens are tracked: the worker's links point at this API.
 */
export async function startSeedStack({
  apiEnv = {},
}: { apiEnv?: NodeJS.ProcessEnv } = {}): Promise<SeedStack> {
  const twilio = await startTwilioStandIn();
  const stack = await startJourneyStack({
    tracking: true,
    apiEnv: { COMPUTED_TRAITS_RECOMPUTE_MS: '0', SEGMENT_SWEEP_MS: '0', ...apiEnv },
    workerEnv: {
      TWILIO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'seed-scenarios-token',
      TWILIO_FROM_NUMBER: SMS_SENDER,
      TWILIO_API_BASE_URL: twilio.url,
    },
  }).catch(async (error) => {
    await twilio.close();
    throw error;
  });
  const { smtp, db, admin, ingest, api, worker } = stack;
  const expectStatus = (what: string, res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const addressOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

  return {
    smtp,
    twilio,
    admin,
    ingest,

    async importTemplate(templateId) {
      const res = await admin<{ id: string; graph: ScenarioGraph }>(
        'POST',
        `/scenario-templates/${templateId}/import`,
      );
      expectStatus(`importing ${templateId}`, res, 201);
      return res.body;
    },

    async segmentsBuilt() {
      await waitFor('the segments to be built', async () => {
        const { body } = await admin<{ version: number; builtVersion: number | null }[]>('GET', '/segments');
        return body.every((segment) => segment.builtVersion === segment.version) ? true : undefined;
      });
    },

    async publishScaled(scenario, options) {
      const graph = scaleScenario(scenario.graph, options);
      expectStatus(
        'saving the scaled draft',
        await admin('PUT', `/scenarios/${scenario.id}`, { graph }),
        200,
      );
      expectStatus('publishing', await admin('POST', `/scenarios/${scenario.id}/publish`), 201);
    },

    async putCustomer(userId, { firstName, email, phone, consents = {} }) {
      const res = await admin('PUT', `/profiles/${encodeURIComponent(userId)}`, {
        ...(email ? { email } : {}),
        traits: { firstName, ...(phone ? { phone } : {}) },
        consents: Object.fromEntries(
          Object.entries(consents).map(([channel, status]) => [channel, { status, source: 'signup' }]),
        ),
      });
      expectStatus(`storing ${userId}`, res, 200);
    },

    async track(userId, event, properties, at = new Date()) {
      const res = await ingest('POST', '/v1/track', {
        userId,
        event,
        properties,
        timestamp: at.toISOString(),
        messageId: randomUUID(),
      });
      expectStatus(`tracking ${event} for ${userId}`, res, 200);
    },

    async ledger(scenarioId) {
      const { rows } = await db.query<LedgerRow>(
        `SELECT p.external_id AS "userId", l.node_id AS "nodeId", l.channel, l.status, l.reason,
                l.created_at AS at
         FROM message_ledger l JOIN journeys j ON j.id = l.journey_id JOIN profiles p ON p.id = j.profile_id
         WHERE j.scenario_id = $1 ORDER BY l.created_at`,
        [scenarioId],
      );
      return rows;
    },

    async journeys(scenarioId) {
      const { rows } = await db.query<JourneyRow>(
        `SELECT p.external_id AS "userId", j.status, j.exit_reason AS "exitReason", j.entered_at AS "enteredAt",
                COALESCE((SELECT array_agg(s.node_id || ':' || s.outcome ORDER BY s.step_index)
                          FROM journey_steps s WHERE s.journey_id = j.id), '{}') AS path
         FROM journeys j JOIN profiles p ON p.id = j.profile_id
         WHERE j.scenario_id = $1 ORDER BY p.external_id`,
        [scenarioId],
      );
      return rows;
    },

    emailsTo: (address) => smtp.messages.filter((mail) => addressOf(mail) === address),
    textsTo: (phone) => twilio.requests.filter((request) => request.form.To === phone),

    until: (what, probe, timeoutMs = 30_000) =>
      explainedBy(waitFor(what, probe, { timeoutMs, intervalMs: 100 }), api.process, worker.process),

    async close() {
      await Promise.all([stack.close(), twilio.close()]);
    },
  };
}
