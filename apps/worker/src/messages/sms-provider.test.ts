import { type OutgoingSms } from '@parcours/domain';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { startTwilioStandIn, type TwilioStandIn } from '../../../../tests/support/twilio-stand-in';
import { DeliveryError } from './channel-provider';
import { smsProvider, smsRecipient, type TwilioSettings } from './sms-provider';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const SERVICE_SID = `MG${'fedcba9876543210'.repeat(2)}`;
const message: OutgoingSms = {
  channel: 'sms',
  category: 'marketing',
  body: 'Bonjour Zoé 👋 -20% avec le code {ÉTÉ}',
};
const delivery = {
  messageId: '6f1c3a52-61a4-4f57-9a55-0d7e1b0c2a11',
  to: '+33612345678',
  journeyId: 'journey-1',
  workspaceId: 'workspace-1',
};

describe('smsProvider: the real twilio client against a stand-in for api.twilio.com', () => {
  let twilio: TwilioStandIn;
  const settings = (overrides: Partial<TwilioSettings> = {}): TwilioSettings => ({
    accountSid: ACCOUNT_SID,
    authToken: 'test-auth-token',
    sender: { from: '+33700000000' },
    publicApiUrl: 'https://parcours.example.com/api/',
    apiBaseUrl: twilio.url,
    timeoutMs: 1_000,
    ...overrides,
  });
  const failureOf = async (promise: Promise<unknown>): Promise<DeliveryError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  };

  beforeEach(async () => {
    twilio = await startTwilioStandIn();
  });
  afterEach(() => twilio.close());

  it('posts the form Twilio expects, with Basic auth and a status callback per message', async () => {
    const { providerMessageId } = await smsProvider(settings()).deliver(message, delivery);
    expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.requests).toEqual([
      {
        method: 'POST',
        path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
        credentials: `${ACCOUNT_SID}:test-auth-token`,
        contentType: 'application/x-www-form-urlencoded',
        form: {
          To: '+33612345678',
          From: '+33700000000',
          Body: message.body,
          StatusCallback: `https://parcours.example.com/api/v1/sms/twilio/status/${delivery.messageId}`,
        },
      },
    ]);
  });

  it('sends through the Messaging Service, or the node’s own sender; no callback without a public URL', async () => {
    await smsProvider(
      settings({ sender: { messagingServiceSid: SERVICE_SID }, publicApiUrl: undefined }),
    ).deliver(message, delivery);
    await smsProvider(settings({ sender: { messagingServiceSid: SERVICE_SID } })).deliver(
      { ...message, from: 'Parcours' },
      delivery,
    );
    expect(twilio.requests.map((r) => r.form)).toEqual([
      { To: delivery.to, MessagingServiceSid: SERVICE_SID, Body: message.body },
      { To: delivery.to, From: 'Parcours', Body: message.body, StatusCallback: expect.any(String) },
    ]);
  });

  it('asks again after Retry-After when throttled (429), and later on a 5xx', async () => {
    twilio.script({ status: 429, headers: { 'retry-after': '7' } }, { status: 503 });
    const provider = smsProvider(settings());
    const throttled = await failureOf(provider.deliver(message, delivery));
    expect({ kind: throttled.kind, retryAfterMs: throttled.retryAfterMs }).toEqual({
      kind: 'retryable',
      retryAfterMs: 7_000,
    });
    expect((await failureOf(provider.deliver(message, delivery))).kind).toBe('retryable');
  });

  it('never retries a message Twilio refused (4xx), keeping its error code', async () => {
    twilio.script({
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number +33612345678 is not a valid phone number.",
        status: 400,
      },
    });
    const refused = await failureOf(smsProvider(settings()).deliver(message, delivery));
    expect(refused.kind).toBe('permanent');
    expect(refused.message).toMatch(/HTTP 400: .*not a valid phone number.*Twilio error 21211/);
  });

  it('is in doubt when the request was cut or unanswered (it may have been taken)', async () => {
    twilio.script('reset', 'hang');
    const provider = smsProvider(settings());
    expect((await failureOf(provider.deliver(message, delivery))).kind).toBe('in_doubt');
    expect((await failureOf(provider.deliver(message, delivery))).kind).toBe('in_doubt');
    expect(twilio.requests).toHaveLength(2);
  });

  it('may retry when Twilio could not even be reached (connection refused)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await failureOf(
      smsProvider(settings({ apiBaseUrl: `http://127.0.0.1:${port}` })).deliver(message, delivery),
    );
    expect(unreachable.kind).toBe('retryable');
  });

  it('sends to valid phone numbers only, in E.164', () => {
    expect(smsRecipient('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(smsRecipient('+1 415 555 2671')).toBe('+14155552671');
    for (const phone of [null, '', '0612345678', '+331', 'call me']) expect(smsRecipient(phone)).toBeNull();
  });
});
