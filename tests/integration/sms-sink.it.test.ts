// `npm run up`'s local Twilio (scripts/stack/sms-sink.cjs) against the worker's own SMS provider,
// configured from the environment the sink gives `up`'s worker: the real `twilio` client sends,
// the sink keeps the text, and its status callbacks and replies are signed so that the API's
// check (`twilio.validateRequest` over the called URL) accepts them.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import twilio from 'twilio';
import { loadWorkerConfig, twilioSettings } from '../../apps/worker/src/config';
import { DeliveryError } from '../../apps/worker/src/messages/channel-provider';
import { smsProvider } from '../../apps/worker/src/messages/sms-provider';
import { type SmsSink, startSmsSink } from '../../scripts/stack/sms-sink.cjs';
import { waitFor } from '../support/ports';

interface Webhook {
  path: string;
  signature: string | undefined;
  form: Record<string, string>;
}

/** The API as the sink reaches it: records what it is posted, answers empty TwiML. */
async function startWebhookReceiver() {
  const received: Webhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        signature: req.headers['x-twilio-signature'] as string | undefined,
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      });
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the local SMS sink of npm run up', () => {
  const customer = '+33612345678';
  const body =
    'Mia(ou)m : bienvenue Jeanne ! -15% avec le code BIENVENUE15. STOP pour ne plus recevoir de SMS';
  let sink: SmsSink;
  let api: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let settings: NonNullable<ReturnType<typeof twilioSettings>>;

  const sms = { channel: 'sms' as const, category: 'marketing' as const, body };
  const delivery = (messageId = randomUUID()) => ({
    messageId,
    to: customer,
    journeyId: 'j',
    workspaceId: 'w',
  });
  /** What the API's TwilioSignatureGuard checks: the signature over the URL it was called at. */
  const signedByTheSink = (webhook: Webhook) =>
    twilio.validateRequest(sink.authToken, webhook.signature ?? '', api.url + webhook.path, webhook.form);

  beforeAll(async () => {
    api = await startWebhookReceiver();
    sink = await startSmsSink({ port: 0, publicApiUrl: api.url, callbackDelayMs: 50 });
    // As up.mjs starts the worker: the sink's variables, PUBLIC_API_URL for the status callbacks.
    const config = loadWorkerConfig({
      DATABASE_URL: 'postgres://unused/db',
      ...sink.env,
      PUBLIC_API_URL: api.url,
    });
    settings = twilioSettings(config)!;
  });
  afterAll(async () => {
    await sink?.stop();
    await api?.close();
  });

  it('takes a text from the worker, keeps it and reports it sent then delivered, signed', async () => {
    const messageId = randomUUID();
    const { providerMessageId } = await smsProvider(settings).deliver(sms, delivery(messageId));

    expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sink.messages[0]).toMatchObject({
      sid: providerMessageId,
      direction: 'outbound-api',
      from: sink.fromNumber,
      to: customer,
      body,
      statusCallback: `${api.url}/v1/sms/twilio/status/${messageId}`,
      segments: { encoding: 'GSM-7', segments: 1 },
    });

    // Once the sink has both answers, the receiver has both requests.
    await waitFor('both status callbacks answered', async () =>
      sink.messages[0].callbacks?.length === 2 ? true : undefined,
    );
    const callbacks = api.received;
    expect(callbacks.map((c) => [c.path, c.form.MessageSid, c.form.MessageStatus])).toEqual([
      [`/v1/sms/twilio/status/${messageId}`, providerMessageId, 'sent'],
      [`/v1/sms/twilio/status/${messageId}`, providerMessageId, 'delivered'],
    ]);
    expect(callbacks.map(signedByTheSink)).toEqual([true, true]);
    // A signature under another token is not Twilio's: the API would refuse it.
    expect(
      twilio.validateRequest(
        'another-token',
        callbacks[0].signature!,
        api.url + callbacks[0].path,
        callbacks[0].form,
      ),
    ).toBe(false);
    expect(sink.messages[0]).toMatchObject({
      status: 'delivered',
      callbacks: [
        { status: 'sent', answer: 'HTTP 200' },
        { status: 'delivered', answer: 'HTTP 200' },
      ],
    });
  });

  it('refuses a wrong auth token with 401, as Twilio does, and keeps nothing', async () => {
    const kept = sink.messages.length;
    const refused = smsProvider({ ...settings, authToken: 'not-the-token' }).deliver(sms, delivery());

    await expect(refused).rejects.toThrow(DeliveryError);
    await expect(refused).rejects.toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/^HTTP 401: .*20003/),
    });
    expect(sink.messages).toHaveLength(kept);
  });

  it('refuses what Twilio refuses with its error code, and keeps nothing', async () => {
    const kept = sink.messages.length;
    const post = (form: Record<string, string>) =>
      fetch(`${sink.url}/2010-04-01/Accounts/${sink.accountSid}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sink.accountSid}:${sink.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
      }).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as { code: number; message: string },
      }));

    expect(await post({ Body: 'hi', From: sink.fromNumber })).toMatchObject({
      status: 400,
      body: { code: 21604 },
    });
    expect(await post({ To: 'not a number', Body: 'hi', From: sink.fromNumber })).toMatchObject({
      status: 400,
      body: { code: 21211 },
    });
    expect(await post({ To: customer, Body: 'hi' })).toMatchObject({ status: 400, body: { code: 21603 } });
    expect(await post({ To: customer, From: sink.fromNumber })).toMatchObject({
      status: 400,
      body: { code: 21602 },
    });
    expect(await post({ To: customer, From: sink.fromNumber, Body: 'x'.repeat(1_601) })).toMatchObject({
      status: 400,
      body: { code: 21617 },
    });
    expect(
      await post({ To: customer, From: sink.fromNumber, Body: 'hi', StatusCallback: 'javascript:alert(1)' }),
    ).toMatchObject({ status: 400, body: { code: 21609 } });
    expect(sink.messages).toHaveLength(kept);
  });

  it("sends a customer's STOP reply to the workspace's inbound webhook, signed", async () => {
    const workspaceId = randomUUID();
    sink.addInboundWorkspace('Mia(ou)m', workspaceId);
    const { providerMessageId } = await smsProvider(settings).deliver(sms, delivery());
    const page = await (await fetch(`${sink.url}/`)).text();
    expect(page).toContain(`value="${providerMessageId}"`);
    expect(page).toContain('Mia(ou)m');
    const reply = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${sink.url}/reply`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
    // The text's own status callbacks keep arriving meanwhile.
    const inboundPosts = () => api.received.filter((w) => w.path.startsWith('/v1/sms/twilio/inbound/'));

    const sent = await reply({ sid: providerMessageId, workspace: '0', body: 'STOP' }, { origin: sink.url });

    expect(sent.status).toBe(303);
    expect(inboundPosts()).toHaveLength(1);
    const [inbound] = inboundPosts();
    expect(inbound).toMatchObject({
      path: `/v1/sms/twilio/inbound/${workspaceId}`,
      form: { From: customer, To: sink.fromNumber, Body: 'STOP', AccountSid: sink.accountSid },
    });
    expect(signedByTheSink(inbound)).toBe(true);
    expect(sink.messages[0]).toMatchObject({
      direction: 'inbound',
      from: customer,
      body: 'STOP',
      webhook: { workspace: 'Mia(ou)m', answer: 'HTTP 200' },
    });

    // Hostile or stale forms post nothing.
    const kept = sink.messages.length;
    expect(
      (
        await reply(
          { sid: providerMessageId, workspace: '0', body: 'STOP' },
          { origin: 'https://evil.example' },
        )
      ).status,
    ).toBe(403);
    expect(
      (await reply({ sid: 'SM00000000000000000000000000000000', workspace: '0', body: 'STOP' })).status,
    ).toBe(404);
    expect((await reply({ sid: providerMessageId, workspace: '7', body: 'STOP' })).status).toBe(400);
    expect((await reply({ sid: providerMessageId, workspace: '0', body: '' })).status).toBe(400);
    expect(inboundPosts()).toHaveLength(1);
    expect(sink.messages).toHaveLength(kept);
  });
});
