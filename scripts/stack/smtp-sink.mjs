// A catch-all SMTP server for `up`: journeys can "send" email locally and you read it in a browser.
// Nothing is relayed anywhere. (Tests run their own in-process SMTP server instead.)
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  answerHtml,
  answerJson,
  answerText,
  closeHttpServer,
  escapeHtml,
  KEEP,
  listenOnLoopback,
  outboxPage,
} from './outbox-viewer.cjs';

const renderMail = (m) => `<article>
  <h2>${escapeHtml(m.subject || '(no subject)')}</h2>
  <p class="meta"><b>From</b> ${escapeHtml(m.from)} · <b>To</b> ${escapeHtml(m.to.join(', '))} · ${escapeHtml(m.date)}</p>
  <pre>${escapeHtml(m.text)}</pre>
</article>`;

/**
 * SMTP on 127.0.0.1:`smtpPort` accepting any sender, recipient and credentials, plus a viewer at
 * http://127.0.0.1:`httpPort`/ (and `/messages.json`). Returns `{ smtpUrl, viewerUrl, messages, stop() }`
 * where `messages` is the live, newest-first array.
 */
export async function startSmtpSink({ smtpPort = 1025, httpPort = 1080 } = {}) {
  const messages = [];
  const smtp = new SMTPServer({
    // Plain local SMTP: no TLS, auth optional and any credentials accepted.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username || 'anyone' }),
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.unshift({
            id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
            from: mail.from?.text || session.envelope.mailFrom?.address || '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            date: (mail.date ?? new Date()).toISOString(),
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : undefined,
            messageId: mail.messageId,
            headers: Object.fromEntries(
              [...mail.headers].map(([key, value]) => [
                key,
                typeof value === 'string' ? value : JSON.stringify(value),
              ]),
            ),
          });
          messages.length = Math.min(messages.length, KEEP);
          callback();
        })
        .catch(callback);
    },
  });
  smtp.on('error', (err) => console.error(`[smtp] ${err.message}`));

  const viewer = http.createServer((req, res) => {
    const { pathname } = new globalThis.URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/messages.json') answerJson(res, messages);
    else if (pathname === '/')
      answerHtml(
        res,
        outboxPage({ heading: 'Parcours mail sink', noun: 'mail', articles: messages.map(renderMail) }),
      );
    else answerText(res, 'not found', 404);
  });

  await listenOnLoopback(smtp.server, smtpPort, 'SMTP sink');
  try {
    await listenOnLoopback(viewer, httpPort, 'Mail viewer');
  } catch (err) {
    await new Promise((resolve) => smtp.close(resolve));
    throw err;
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    viewerUrl: `http://127.0.0.1:${httpPort}`,
    messages,
    stop: () => Promise.all([closeHttpServer(viewer), new Promise((resolve) => smtp.close(() => resolve()))]),
  };
}
