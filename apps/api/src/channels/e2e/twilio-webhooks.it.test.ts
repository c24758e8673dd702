import { randomBytes, randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { publishWelcome, seedJourney } from '../../../../../tests/integration/profile-fixtures';

const AUTH_TOKEN = randomBytes(16).toString('hex');
const PUBLIC_API_URL = 'https://parcours.example.com';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

interface ErrorBody {
  statusCode: number;
  errors?: { path: string; message: string }[];
}

/** Twilio's webhooks as Twilio sends them: form-encoded, signed over the public URL with the auth token. */
describe('Twilio webhooks: STOP/START keywords and delivery statuses, signed', () => {
  let h: ApiHarness;
  let smsId = 0;
  const phone = () => `+336123456${String(++smsId).padStart(2, '0')}`;

  const post = async (
    path: string,
    form: Record<string, string>,
    {
      token = AUTH_TOKEN,
      signedUrl = `${PUBLIC_API_URL}${path}`,
      signature,
    }: {
      token?: string;
      signedUrl?: string;
      signature?: string | null;
    } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const signed =
      signature === undefined ? twilio.getExpectedTwilioSignature(token, signedUrl, form) : signature;
    if (signed !== null) headers['x-twilio-signature'] = signed;
    const res = await fetch(`${h.api.url}${path}`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(form).toString(),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      text,
      json: () => JSON.parse(text) as ErrorBody,
    };
  };
  const inboundPath = () => `/v1/sms/twilio/inbound/${h.workspace.workspaceId}`;
  const inbound = (from: string, body: string, extra: Record<string, string> = {}) => ({
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: `AC${randomBytes(16).toString('hex')}`,
    From: from,
    To: '+33700000000',
    Body: body,
    NumMedia: '0',
    ...extra,
  });

  /** A customer with this phone who gave SMS consent. */
  const customer = async (number: string): Promise<string> => {
    const userId = `sms-${randomUUID()}`;
    const res = await h.admin<{ id: string }>('PUT', `/profiles/${userId}`, {
      traits: { phone: number },
      consents: { sms: { status: 'granted', source: 'signup_form' } },
    });
    expect(res.status).toBe(200);
    return res.body.id;
  };
  const smsConsent = async (profileId: string) =>
    (await h.db.query(`SELECT consents->'sms' AS sms FROM profiles WHERE id = $1`, [profileId])).rows[0].sms;
  const consentHistory = async (profileId: string) =>
    (
      await h.db.query(
        `SELECT status, source FROM consent_history WHERE profile_id = $1 AND channel = 'sms' ORDER BY id`,
        [profileId],
      )
    ).rows;
  const eventsOf = async (profileId: string, prefix: string) =>
    (
      await h.db.query(
        `SELECT name, properties FROM events WHERE profile_id = $1 AND name LIKE $2 ORDER BY received_at, name`,
        [profileId, `${prefix}%`],
      )
    ).rows;

  beforeAll(async () => {
    h = await startApiHarness({ env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_API_URL } });
  });
  afterAll(() => h?.close());

  describe('inbound messages', () => {
    it('refuses a missing, forged or misdirected signature (403) and changes nothing', async () => {
      const number = phone();
      const profileId = await customer(number);
      const stop = inbound(number, 'STOP');
      const other = `/v1/sms/twilio/inbound/${randomUUID()}`;
      for (const [options, message] of [
        [{ signature: null }, 'Missing X-Twilio-Signature header'],
        [{ signature: 'bm90IGEgc2lnbmF0dXJl' }, 'Invalid Twilio signature'],
        [{ token: 'another-account-token' }, 'Invalid Twilio signature'],
        // Signed for another workspace's URL, replayed on this one.
        [{ signedUrl: `${PUBLIC_API_URL}${other}` }, 'Invalid Twilio signature'],
      ] as const) {
        const res = await post(inboundPath(), stop, options);
        expect({ status: res.status, message: (res.json() as { message?: string }).message }).toEqual({
          status: 403,
          message,
        });
      }
      // A valid signature over other fields than those posted (a tampered Body).
      const tampered = await post(inboundPath(), stop, {
        signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_API_URL}${inboundPath()}`, {
          ...stop,
          Body: 'Hello',
        }),
      });
      expect(tampered.status).toBe(403);
      expect(await smsConsent(profileId)).toMatchObject({ status: 'granted', source: 'signup_form' });
      expect(await eventsOf(profileId, 'consent.')).toEqual([]);
    });

    it('STOP revokes the SMS consent of the profile with that phone, with its source and a timeline event', async () => {
      const number = phone();
      // Stored from a spaced form; Twilio posts E.164: the normalised phone identity matches.
      const profileId = await customer(
        `${number.slice(0, 3)} ${number.slice(3, 4)} ${number.slice(4, 8)} ${number.slice(8)}`,
      );
      const res = await post(inboundPath(), inbound(number, '  stop '));
      expect({ status: res.status, contentType: res.contentType, text: res.text }).toEqual({
        status: 200,
        contentType: 'text/xml; charset=utf-8',
        text: EMPTY_TWIML,
      });
      expect(await smsConsent(profileId)).toMatchObject({ status: 'revoked', source: 'sms_keyword:STOP' });
      expect(await consentHistory(profileId)).toEqual([
        { status: 'granted', source: 'signup_form' },
        { status: 'revoked', source: 'sms_keyword:STOP' },
      ]);
      expect(await eventsOf(profileId, 'consent.')).toEqual([
        { name: 'consent.revoked', properties: { channel: 'sms', source: 'sms_keyword:STOP' } },
      ]);

      // Twilio retries webhooks: the same decision again records nothing more.
      expect((await post(inboundPath(), inbound(number, 'STOP'))).status).toBe(200);
      expect(await consentHistory(profileId)).toHaveLength(2);

      // START (or YES, UNSTOP) grants it again.
      expect((await post(inboundPath(), inbound(number, 'Unstop'))).status).toBe(200);
      expect(await smsConsent(profileId)).toMatchObject({ status: 'granted', source: 'sms_keyword:UNSTOP' });
      expect((await eventsOf(profileId, 'consent.')).map((e) => e.name)).toEqual([
        'consent.revoked',
        'consent.granted',
      ]);
    });

    it.each(['STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit'])('%s revokes too', async (keyword) => {
      const number = phone();
      const profileId = await customer(number);
      expect((await post(inboundPath(), inbound(number, keyword))).status).toBe(200);
      expect(await smsConsent(profileId)).toMatchObject({
        status: 'revoked',
        source: `sms_keyword:${keyword.toUpperCase()}`,
      });
    });

    it("follows Twilio's OptOutType (custom keywords), and ignores other texts and unknown numbers", async () => {
      const number = phone();
      const profileId = await customer(number);
      expect((await post(inboundPath(), inbound(number, 'please stop texting me'))).status).toBe(200);
      expect(await smsConsent(profileId)).toMatchObject({ status: 'granted' });
      expect((await post(inboundPath(), inbound(number, 'ARRET', { OptOutType: 'STOP' }))).status).toBe(200);
      expect(await smsConsent(profileId)).toMatchObject({ status: 'revoked', source: 'sms_keyword:STOP' });

      const before = await h.counts();
      const unknown = await post(inboundPath(), inbound('+14155552671', 'STOP'));
      expect({ status: unknown.status, text: unknown.text }).toEqual({ status: 200, text: EMPTY_TWIML });
      expect(await h.counts()).toEqual(before);
    });

    it('answers hostile input with a 4xx naming the field, never a 500, and stores nothing', async () => {
      const number = phone();
      const profileId = await customer(number);
      const before = await h.counts();
      const cases: [Record<string, string>, string][] = [
        [{ Body: 'STOP' }, 'From'],
        [inbound('not a phone', 'STOP'), 'From'],
        [inbound('+331', 'STOP'), 'From'],
        [inbound(`+33${'6'.repeat(60)}`, 'STOP'), 'From'],
        [inbound(number, 'x'.repeat(1_601)), 'Body'],
        [inbound(number, 'STOP', { OptOutType: 'MAYBE' }), 'OptOutType'],
        [inbound(number, 'STOP', { MessageSid: "SM'; DROP TABLE profiles; --" }), 'MessageSid'],
      ];
      for (const [form, field] of cases) {
        const res = await post(inboundPath(), form);
        expect({ status: res.status, paths: res.json().errors?.map((e) => e.path) }).toEqual({
          status: 400,
          paths: [field],
        });
      }
      // Bracketed names parse into objects, which no longer match what was signed.
      expect((await post(inboundPath(), { 'From[a]': number, Body: 'STOP' })).status).toBe(403);
      const badWorkspace = await post('/v1/sms/twilio/inbound/not-a-uuid', inbound(number, 'STOP'));
      expect({ status: badWorkspace.status, paths: badWorkspace.json().errors?.map((e) => e.path) }).toEqual({
        status: 400,
        paths: ['workspaceId'],
      });
      const huge = await post(inboundPath(), inbound(number, 'STOP', { Padding: 'x'.repeat(200_000) }));
      expect(huge.status).toBe(413);
      expect(await h.counts()).toEqual(before);
      expect(await smsConsent(profileId)).toMatchObject({ status: 'granted' });
    });
  });

  describe('status callbacks', () => {
    /** A message the worker sent to this customer (a ledger row of a journey). */
    const sentMessage = async (): Promise<{ messageId: string; profileId: string }> => {
      const profileId = await customer(phone());
      const welcome = await publishWelcome(h.admin, { name: `SMS ${randomUUID()}` });
      const journeyId = await seedJourney(h.db, h.workspace.workspaceId, profileId, welcome, {
        status: 'completed',
        message: { nodeId: 'welcome-email', status: 'sent' },
      });
      const {
        rows: [{ id }],
      } = await h.db.query(`UPDATE message_ledger SET channel = 'sms' WHERE journey_id = $1 RETURNING id`, [
        journeyId,
      ]);
      return { messageId: id, profileId };
    };
    const statusPath = (messageId: string) => `/v1/sms/twilio/status/${messageId}`;
    const status = (messageStatus: string, extra: Record<string, string> = {}) => ({
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      MessageStatus: messageStatus,
      AccountSid: `AC${randomBytes(16).toString('hex')}`,
      ...extra,
    });

    it('stores delivered and failed/undelivered once each on the timeline; other statuses change nothing', async () => {
      const delivered = await sentMessage();
      for (const report of ['queued', 'sent', 'delivered', 'delivered']) {
        const res = await post(statusPath(delivered.messageId), status(report));
        expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: EMPTY_TWIML });
      }
      expect(await eventsOf(delivered.profileId, 'message.')).toEqual([
        {
          name: 'message.delivered',
          properties: expect.objectContaining({
            messageId: delivered.messageId,
            channel: 'sms',
            provider: 'twilio',
            status: 'delivered',
          }),
        },
      ]);

      const undelivered = await sentMessage();
      expect(
        (await post(statusPath(undelivered.messageId), status('undelivered', { ErrorCode: '30003' }))).status,
      ).toBe(200);
      expect(await eventsOf(undelivered.profileId, 'message.')).toEqual([
        {
          name: 'message.failed',
          properties: expect.objectContaining({ messageId: undelivered.messageId, errorCode: '30003' }),
        },
      ]);
    });

    it('refuses unsigned or forged reports, unknown messages and malformed fields, never a 500', async () => {
      const { messageId, profileId } = await sentMessage();
      expect((await post(statusPath(messageId), status('delivered'), { signature: null })).status).toBe(403);
      expect((await post(statusPath(messageId), status('delivered'), { token: 'forged' })).status).toBe(403);
      // A report signed for another message cannot be replayed on this one.
      const other = await sentMessage();
      expect(
        (
          await post(statusPath(messageId), status('failed'), {
            signedUrl: `${PUBLIC_API_URL}${statusPath(other.messageId)}`,
          })
        ).status,
      ).toBe(403);
      expect((await post(statusPath(randomUUID()), status('delivered'))).status).toBe(404);
      for (const [path, form, field] of [
        [statusPath(messageId), status('exploded'), 'MessageStatus'],
        [statusPath(messageId), { MessageStatus: 'delivered' }, 'MessageSid'],
        [statusPath(messageId), status('failed', { ErrorCode: '30003<script>' }), 'ErrorCode'],
        [statusPath('1%20OR%201=1'), status('delivered'), 'messageId'],
      ] as const) {
        const res = await post(path, form);
        expect({ status: res.status, paths: res.json().errors?.map((e) => e.path) }).toEqual({
          status: 400,
          paths: [field],
        });
      }
      expect(await eventsOf(profileId, 'message.')).toEqual([]);
    });
  });

  describe('around sending', () => {
    it('counts the SMS segments of a text for the studio (GSM-7 vs UCS-2)', async () => {
      expect((await h.admin('POST', '/sms/segments', { text: `${'a'.repeat(159)}€` })).body).toEqual({
        encoding: 'GSM-7',
        characters: 160,
        units: 161,
        segments: 2,
        unitsPerSegment: 153,
      });
      expect((await h.admin('POST', '/sms/segments', { text: 'Hi 👋' })).body).toMatchObject({
        encoding: 'UCS-2',
        segments: 1,
      });
      expect((await h.admin<ErrorBody>('POST', '/sms/segments', { text: 42 })).body.errors?.[0].path).toBe(
        'text',
      );
      expect((await h.ingest('POST', '/sms/segments', { text: 'hi' })).status).toBe(401);
    });

    it("gives browsers the workspace's VAPID public key, made once, with the write key only", async () => {
      const first = await h.ingest<{ publicKey: string }>('GET', '/v1/push/vapid-public-key');
      expect(first.status).toBe(200);
      const point = Buffer.from(first.body.publicKey, 'base64url');
      expect({ length: point.length, prefix: point[0] }).toEqual({ length: 65, prefix: 4 });
      expect((await h.ingest('GET', '/v1/push/vapid-public-key')).body).toEqual(first.body);
      const { rows } = await h.db.query(`SELECT public_key, private_key FROM workspace_vapid_keys`);
      expect(rows).toEqual([
        { public_key: first.body.publicKey, private_key: expect.stringMatching(/^[\w-]{43}$/) },
      ]);
      expect((await h.admin('GET', '/v1/push/vapid-public-key')).status).toBe(401);
      const anonymous = await fetch(`${h.api.url}/v1/push/vapid-public-key`);
      expect(anonymous.status).toBe(401);
    });
  });
});
