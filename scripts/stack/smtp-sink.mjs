// A catch-all SMTP server for `up`: journeys can "send" email locally and you read it in a browser.
// Nothing is relayed anywhere. (Tests run their own in-process SMTP server instead.)
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const KEEP = 200;

function escapeHtml(value) {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

function renderPage(messages) {
  const rows = messages
    .map(
      (m) => `<article>
  <h2>${escapeHtml(m.subject || '(no subject)')}</h2>
  <p class="meta"><b>From</b> ${escapeHtml(m.from)} · <b>To</b> ${escapeHtml(m.to.join(', '))} · ${escapeHtml(m.date)}</p>
  <pre>${escapeHtml(m.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Parcours mail (${messages.length})</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:60rem}article{border-top:1px solid #ddd;padding:.5rem 0}
h2{font-size:1rem;margin:.3rem 0}.meta{color:#555;margin:.2rem 0}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}</style>
</head><body><h1>Parcours mail sink</h1>
<p>${messages.length} message(s), newest first, last ${KEEP} kept in memory. <a href="/messages.json">JSON</a></p>
${rows || '<p>No mail yet.</p>'}
</body></html>`;
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

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
    if (pathname === '/messages.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(messages, null, 2));
    } else if (pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(renderPage(messages));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    }
  });

  await listen(smtp.server, smtpPort).catch((err) => {
    throw new Error(`SMTP sink cannot listen on 127.0.0.1:${smtpPort}: ${err.message}`, { cause: err });
  });
  try {
    await listen(viewer, httpPort);
  } catch (err) {
    await new Promise((resolve) => smtp.close(resolve));
    throw new Error(`Mail viewer cannot listen on 127.0.0.1:${httpPort}: ${err.message}`, { cause: err });
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    viewerUrl: `http://127.0.0.1:${httpPort}`,
    messages,
    stop: async () => {
      viewer.closeAllConnections?.();
      await Promise.all([
        new Promise((resolve) => viewer.close(() => resolve())),
        new Promise((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
