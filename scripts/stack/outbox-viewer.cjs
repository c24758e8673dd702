// What the viewers of `npm run up`'s local sinks share (mail: smtp-sink.mjs, SMS: sms-sink.cjs):
// the page shell, HTML escaping, answers, listening on loopback. CommonJS because the SMS sink is
// (Jest's runtime loads the tests as CommonJS and cannot require an ES module on Node 20).
'use strict';

/** How many messages a sink keeps in memory, newest first. */
const KEEP = 200;

function escapeHtml(value) {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:2rem;max-width:60rem}
article{border-top:1px solid #ddd;padding:.5rem 0}h2{font-size:1rem;margin:.3rem 0}
.meta{color:#555;margin:.2rem 0}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}
form{display:flex;gap:.4rem;align-items:center;margin:.3rem 0}`;

/**
 * A sink's page: its `heading`, how many messages it holds (with a link to the same as JSON),
 * then each message's `<article>` (HTML the caller escaped), newest first.
 */
function outboxPage({ heading, noun, articles }) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(heading)} (${articles.length})</title>
<style>${STYLE}</style>
</head><body><h1>${escapeHtml(heading)}</h1>
<p>${articles.length} message(s), newest first, last ${KEEP} kept in memory. <a href="/messages.json">JSON</a></p>
${articles.join('\n') || `<p>No ${escapeHtml(noun)} yet.</p>`}
</body></html>`;
}

function answer(res, status, contentType, text, headers = {}) {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(text);
}

const answerHtml = (res, html, status = 200) => answer(res, status, 'text/html; charset=utf-8', html);
const answerJson = (res, value, status = 200, headers = {}) =>
  answer(res, status, 'application/json; charset=utf-8', JSON.stringify(value, null, 2), headers);
const answerText = (res, text, status) => answer(res, status, 'text/plain; charset=utf-8', `${text}\n`);

/** Listens on 127.0.0.1:`port`, or fails saying which of the sink's servers (`what`) could not. */
function listenOnLoopback(server, port, what) {
  return new Promise((resolve, reject) => {
    const failed = (err) =>
      reject(new Error(`${what} cannot listen on 127.0.0.1:${port}: ${err.message}`, { cause: err }));
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** Closes an HTTP server, keep-alive connections (a browser's) included. */
function closeHttpServer(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

module.exports = {
  KEEP,
  escapeHtml,
  outboxPage,
  answerHtml,
  answerJson,
  answerText,
  listenOnLoopback,
  closeHttpServer,
};
