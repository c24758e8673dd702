// A local Twilio for `up`: it answers the Messages API the worker's `twilio` client calls, keeps
// the texts, reports them `sent` then `delivered` to their status callback signed as Twilio signs,
// and shows them at / (JSON at /messages.json), where a customer's reply (STOP…) can be sent to a
// workspace's inbound webhook. Nothing is relayed to any phone. CommonJS, for Jest (see outbox-viewer).
'use strict';

const { randomBytes } = require('node:crypto');
const http = require('node:http');
const { setTimeout: sleep } = require('node:timers/promises');
const { countSmsSegments, e164PhoneSchema, TWILIO_INBOUND_ROUTE } = require('@parcours/domain');
const twilio = require('twilio');
const {
  answerHtml,
  answerJson,
  answerText,
  closeHttpServer,
  escapeHtml,
  KEEP,
  listenOnLoopback,
  outboxPage,
} = require('./outbox-viewer.cjs');

const API_VERSION = '2010-04-01';
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
/** Twilio's own limit on a message body, in characters. */
const MAX_BODY_CHARS = 1_600;
/** Far more than any message needs: a bigger request is refused unread. */
const MAX_REQUEST_BYTES = 64 * 1024;
const CALLBACK_TIMEOUT_MS = 10_000;

const hex = (bytes) => randomBytes(bytes).toString('hex');
const messageSid = () => `SM${hex(16)}`;
/** Twilio writes its dates as RFC 2822. */
const rfc2822 = (date) => date.toUTCString().replace('GMT', '+0000');

/** A Twilio error body (https://www.twilio.com/docs/errors/<code>). */
const twilioError = (status, code, message) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

/** The form fields of a request, or null when it is larger than MAX_REQUEST_BYTES. */
function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        size > MAX_REQUEST_BYTES
          ? null
          : Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      ),
    );
    req.on('error', reject);
  });
}

/** What Twilio refuses in a message creation: `[code, message]`, or null when it takes it. */
function refusal(form) {
  if (!form.To) return [21604, "A 'To' phone number is required."];
  if (!e164PhoneSchema.safeParse(form.To).success)
    return [21211, `The 'To' number ${form.To} is not a valid phone number.`];
  if (!form.From && !form.MessagingServiceSid) return [21603, "A 'From' phone number is required."];
  if (!form.Body) return [21602, 'Message body is required.'];
  if (form.Body.length > MAX_BODY_CHARS) {
    return [21617, `The concatenated message body exceeds the ${MAX_BODY_CHARS} character limit.`];
  }
  const callback = form.StatusCallback;
  if (callback !== undefined && !(/^https?:\/\//.test(callback) && URL.canParse(callback))) {
    return [21609, 'The StatusCallback URL is not a valid URL.'];
  }
  return null;
}

/** A phone can answer a text sent from a number, not one sent from an alphanumeric sender ID. */
const canBeRepliedTo = (message) => message.direction === 'outbound-api' && message.from.startsWith('+');

/**
 * Starts the sink on 127.0.0.1:`port` (0: any free port). The account's fake credentials are
 * random; `env` holds them as the worker and the API read them. `publicApiUrl` is the API the
 * viewer's reply form posts inbound texts to, for the workspaces given to `addInboundWorkspace`.
 * `callbackDelayMs` passes before each status callback (queued → sent → delivered).
 */
async function startSmsSink({ port = 1081, publicApiUrl, callbackDelayMs = 500 } = {}) {
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  // A made-up French mobile number (the demo's customers are French and Belgian): nothing is sent to it.
  const fromNumber = '+33639980000';
  const messages = [];
  /** The workspaces whose inbound webhook the reply form offers: `{ name, url }`. */
  const inboundWebhooks = [];
  const stopping = new AbortController();
  const reporting = new Set();

  const keep = (message) => {
    messages.unshift(message);
    messages.length = Math.min(messages.length, KEEP);
  };

  /** Posts `params` to `url` as Twilio posts its webhooks: a form, signed with the auth token. */
  async function postSigned(url, params) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'user-agent': 'TwilioProxy/1.1',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(CALLBACK_TIMEOUT_MS)]),
      });
      await res.arrayBuffer();
      return `HTTP ${res.status}`;
    } catch (err) {
      return `failed: ${err.cause?.code ?? err.message}`;
    }
  }

  async function reportDelivery(message) {
    for (const status of ['sent', 'delivered']) {
      await sleep(callbackDelayMs, undefined, { signal: stopping.signal });
      message.status = status;
      if (!message.statusCallback) continue;
      const answer = await postSigned(message.statusCallback, {
        AccountSid: accountSid,
        ApiVersion: API_VERSION,
        From: message.from,
        To: message.to,
        MessageSid: message.sid,
        SmsSid: message.sid,
        MessageStatus: status,
        SmsStatus: status,
        ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
      });
      message.callbacks.push({ status, answer });
    }
  }

  async function createMessage(req, res) {
    const given = req.headers.authorization?.startsWith('Basic ')
      ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString('utf8')
      : null;
    if (given !== `${accountSid}:${authToken}`) {
      return answerJson(res, twilioError(401, 20003, 'Authenticate'), 401, {
        'www-authenticate': 'Basic realm="Twilio API"',
      });
    }
    const { pathname } = new URL(req.url, 'http://localhost');
    if (MESSAGES_PATH.exec(pathname)?.[1] !== accountSid) {
      return answerJson(
        res,
        twilioError(404, 20404, `The requested resource ${pathname} was not found`),
        404,
      );
    }
    if (req.method !== 'POST') {
      return answerJson(res, twilioError(405, 20004, 'Method not allowed'), 405);
    }
    const form = await readForm(req);
    if (!form) return answerJson(res, twilioError(413, 20001, 'Request too large'), 413);
    const refused = refusal(form);
    if (refused) return answerJson(res, twilioError(400, ...refused), 400);

    const now = new Date();
    const message = {
      sid: messageSid(),
      direction: 'outbound-api',
      // With a Messaging Service, Twilio picks one of its numbers: here, the only one.
      from: form.From ?? fromNumber,
      to: form.To,
      messagingServiceSid: form.MessagingServiceSid ?? null,
      body: form.Body,
      segments: countSmsSegments(form.Body),
      status: 'queued',
      dateCreated: now.toISOString(),
      statusCallback: form.StatusCallback ?? null,
      callbacks: [],
    };
    keep(message);
    const report = reportDelivery(message).catch(() => {
      // Only stopping ends it early: callbacks' own failures are recorded on the message.
    });
    reporting.add(report);
    void report.finally(() => reporting.delete(report));

    answerJson(
      res,
      {
        account_sid: accountSid,
        api_version: API_VERSION,
        body: message.body,
        date_created: rfc2822(now),
        date_sent: null,
        date_updated: rfc2822(now),
        direction: message.direction,
        error_code: null,
        error_message: null,
        from: form.From ?? null,
        messaging_service_sid: message.messagingServiceSid,
        num_media: '0',
        num_segments: String(message.segments.segments),
        price: null,
        price_unit: 'USD',
        sid: message.sid,
        status: message.status,
        subresource_uris: {
          media: `/${API_VERSION}/Accounts/${accountSid}/Messages/${message.sid}/Media.json`,
        },
        to: message.to,
        uri: `/${API_VERSION}/Accounts/${accountSid}/Messages/${message.sid}.json`,
      },
      201,
    );
  }

  /** The viewer's reply form: the customer's text to the number, as Twilio posts it to the webhook. */
  async function reply(req, res) {
    // A page elsewhere must not make the browser post here: forms from this page only.
    if (req.headers.origin && req.headers.origin !== `http://${req.headers.host}`) {
      return answerText(res, 'cross-origin form refused', 403);
    }
    const form = await readForm(req);
    if (!form) return answerText(res, 'request too large', 413);
    const original = messages.find((m) => m.sid === form.sid && m.direction === 'outbound-api');
    if (!original) return answerText(res, 'sid: no such message (only the last ones are kept)', 404);
    if (!canBeRepliedTo(original)) return answerText(res, 'sid: sent from an alphanumeric ID', 400);
    const webhook = inboundWebhooks[Number(form.workspace)];
    if (!webhook) return answerText(res, 'workspace: not one of the form', 400);
    const body = form.body ?? '';
    if (body === '' || body.length > MAX_BODY_CHARS) {
      return answerText(res, `body: 1 to ${MAX_BODY_CHARS} characters`, 400);
    }

    const sid = messageSid();
    const segments = countSmsSegments(body);
    const answer = await postSigned(webhook.url, {
      AccountSid: accountSid,
      ApiVersion: API_VERSION,
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: 'received',
      From: original.to,
      To: original.from,
      Body: body,
      NumMedia: '0',
      NumSegments: String(segments.segments),
    });
    keep({
      sid,
      direction: 'inbound',
      from: original.to,
      to: original.from,
      body,
      segments,
      status: 'received',
      dateCreated: new Date().toISOString(),
      webhook: { workspace: webhook.name, url: webhook.url, answer },
    });
    res.writeHead(303, { location: '/' });
    res.end();
  }

  const replyForm = (m) => {
    const options = inboundWebhooks.map((w, i) => `<option value="${i}">${escapeHtml(w.name)}</option>`);
    return `<form method="post" action="/reply"><input type="hidden" name="sid" value="${escapeHtml(m.sid)}">
  Reply as ${escapeHtml(m.to)} to <select name="workspace">${options.join('')}</select>
  <input name="body" value="STOP" maxlength="${MAX_BODY_CHARS}" required> <button>Send</button></form>`;
  };

  const renderText = (m) => {
    const meta =
      m.direction === 'inbound'
        ? `reply to ${escapeHtml(m.webhook.workspace)} → ${escapeHtml(m.webhook.answer)}`
        : [m.status, ...m.callbacks.map((c) => `callback ${c.status}: ${c.answer}`)]
            .map(escapeHtml)
            .join(' · ');
    return `<article>
  <h2>${m.direction === 'inbound' ? '↩ ' : ''}${escapeHtml(m.from)} → ${escapeHtml(m.to)}</h2>
  <p class="meta">${escapeHtml(m.dateCreated)} · ${escapeHtml(m.sid)} · ${m.segments.segments} segment(s) ${m.segments.encoding} · ${meta}</p>
  <pre>${escapeHtml(m.body)}</pre>
  ${canBeRepliedTo(m) && inboundWebhooks.length > 0 ? replyForm(m) : ''}
</article>`;
  };

  async function handle(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname.startsWith(`/${API_VERSION}/`)) return createMessage(req, res);
    if (req.method === 'GET' && pathname === '/messages.json') return answerJson(res, messages);
    if (req.method === 'GET' && pathname === '/') {
      return answerHtml(
        res,
        outboxPage({ heading: 'Parcours SMS sink', noun: 'text', articles: messages.map(renderText) }),
      );
    }
    if (req.method === 'POST' && pathname === '/reply') return reply(req, res);
    answerText(res, 'not found', 404);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error(`[sms-sink] ${req.method} ${req.url}: ${err.message}`);
      if (res.headersSent) res.destroy();
      else answerText(res, 'internal error', 500);
    });
  });
  await listenOnLoopback(server, port, 'SMS sink');
  const url = `http://127.0.0.1:${server.address().port}`;

  return {
    url,
    accountSid,
    authToken,
    fromNumber,
    /** What the worker (and, for the webhooks' signatures, the API) need to send through the sink. */
    env: {
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_FROM_NUMBER: fromNumber,
      TWILIO_API_BASE_URL: url,
    },
    messages,
    /** Offers the workspace in the reply form: replies go to its inbound webhook on `publicApiUrl`. */
    addInboundWorkspace(name, workspaceId) {
      if (!publicApiUrl) throw new Error('startSmsSink needs publicApiUrl to send replies');
      inboundWebhooks.push({
        name,
        url: `${publicApiUrl.replace(/\/+$/, '')}/${TWILIO_INBOUND_ROUTE}/${encodeURIComponent(workspaceId)}`,
      });
    },
    async stop() {
      stopping.abort();
      await Promise.allSettled([...reporting]);
      await closeHttpServer(server);
    },
  };
}

module.exports = { startSmsSink };
