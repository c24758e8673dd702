import { randomBytes } from 'node:crypto';
import {
  type JourneyHarness,
  type PublishedScenario,
  scenarioGraph,
  startJourneyHarness,
} from '../../../../tests/support/journey-harness';
import { startTwilioStandIn, type TwilioStandIn } from '../../../../tests/support/twilio-stand-in';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;

/** send.sms in running journeys, through the real twilio client to a stand-in for its API. */
describe('send.sms in running journeys', () => {
  let h: JourneyHarness;
  let twilio: TwilioStandIn;
  let scenario: PublishedScenario;

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    h = await startJourneyHarness({
      workerEnv: {
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: 'journey-test-token',
        TWILIO_FROM_NUMBER: '+33 7 00 00 00 00',
        TWILIO_API_BASE_URL: twilio.url,
        PUBLIC_API_URL: 'https://parcours.example.com',
      },
    });
    scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['sms', 'send.sms', { body: 'Bonjour {{ profile.firstName }}, -20% avec le code ÉTÉ 🌞' }],
          ['end', 'exit', {}],
        ],
        ['start.out -> sms', 'sms.out -> end'],
      ),
      'SMS',
    );
  });
  afterAll(async () => {
    await h?.close();
    await twilio?.close();
  });

  const ledgerOf = async (journeyId: string) =>
    (
      await h.pool.query(
        `SELECT id, channel, status, recipient, reason, provider_message_id FROM message_ledger WHERE journey_id = $1`,
        [journeyId],
      )
    ).rows;
  const requestsTo = (phone: string) => twilio.requests.filter((r) => r.form.To === phone);
  const run = async (customer: Parameters<JourneyHarness['createCustomer']>[0]) => {
    const profileId = await h.createCustomer(customer);
    const journey = await h.enter(scenario, profileId);
    expect(await journey.result()).toMatchObject({ exitReason: 'completed' });
    return {
      journeyId: journey.journeyId,
      sms: (await h.steps(journey.journeyId)).find((s) => s.node_id === 'sms')!,
    };
  };

  it('texts a consenting customer once, personalised, with the status callback of its ledger row', async () => {
    const { journeyId, sms } = await run({
      phone: '+33612345601',
      traits: { firstName: 'Zoé' },
      consents: ['sms'],
    });
    expect(sms.outcome).toBe('sent');
    const [ledger] = await ledgerOf(journeyId);
    expect(requestsTo('+33612345601')).toEqual([
      expect.objectContaining({
        path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
        credentials: `${ACCOUNT_SID}:journey-test-token`,
        form: {
          To: '+33612345601',
          From: '+33700000000',
          Body: 'Bonjour Zoé, -20% avec le code ÉTÉ 🌞',
          StatusCallback: `https://parcours.example.com/v1/sms/twilio/status/${ledger.id}`,
        },
      }),
    ]);
    expect(ledger).toMatchObject({
      channel: 'sms',
      status: 'sent',
      recipient: '+33612345601',
      provider_message_id: expect.stringMatching(/^SM[0-9a-f]{32}$/),
    });
  });

  it('sends nothing without SMS consent or a valid phone number: the step says why', async () => {
    const withoutConsent = await run({ phone: '+33612345602', consents: ['email'] });
    const withoutPhone = await run({ phone: null, consents: ['sms'] });
    const badPhone = await run({ phone: '0612345603', consents: ['sms'] });
    expect([withoutConsent.sms.outcome, withoutPhone.sms.outcome, badPhone.sms.outcome]).toEqual([
      'skipped:no_sms_consent',
      'skipped:no_sms_address',
      'skipped:no_sms_address',
    ]);
    expect(requestsTo('+33612345602')).toEqual([]);
    expect(twilio.requests.filter((r) => r.form.To?.endsWith('603'))).toEqual([]);
  });

  it('waits out a throttling answer (429, Retry-After) and sends once it is let through', async () => {
    twilio.script({ status: 429, headers: { 'retry-after': '1' } });
    const { journeyId, sms } = await run({ phone: '+33612345604', consents: ['sms'] });
    expect(sms.outcome).toBe('sent');
    expect(requestsTo('+33612345604')).toHaveLength(2);
    expect(await ledgerOf(journeyId)).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('records a refusal (4xx) as a failure and never asks Twilio again', async () => {
    twilio.script({
      status: 400,
      body: { code: 21614, message: "'To' number is not a valid mobile number", status: 400 },
    });
    const { journeyId, sms } = await run({ phone: '+33612345605', consents: ['sms'] });
    expect(sms.outcome).toBe('failed:permanent');
    expect(requestsTo('+33612345605')).toHaveLength(1);
    expect(await ledgerOf(journeyId)).toEqual([
      expect.objectContaining({
        status: 'failed',
        reason: expect.stringMatching(/^permanent: HTTP 400: .*21614/),
      }),
    ]);
  });

  it('skips the step, recorded, on a worker without an SMS provider: the journey goes on', async () => {
    const unconfigured = await h.startWorker({
      TWILIO_ACCOUNT_SID: '',
      TWILIO_AUTH_TOKEN: '',
      TWILIO_FROM_NUMBER: '',
      TWILIO_API_BASE_URL: '',
    });
    const profileId = await h.createCustomer({ phone: '+33612345606', consents: ['sms'] });
    const journey = await h.enter(scenario, profileId, { taskQueue: unconfigured });
    expect(await journey.result()).toMatchObject({ exitReason: 'completed' });
    const sms = (await h.steps(journey.journeyId)).find((s) => s.node_id === 'sms')!;
    expect(sms.outcome).toBe('skipped:no_sms_provider');
    expect(requestsTo('+33612345606')).toEqual([]);
    expect(await ledgerOf(journey.journeyId)).toEqual([
      expect.objectContaining({ status: 'skipped', reason: 'no_sms_provider' }),
    ]);
  });
});
