// Emails/s through Parcours's pooled transport against raw nodemailer, to the same local SMTP
// sink, and writes the "Email" section of docs/benchmarks.md. Needs the built domain and worker
// (`npx tsc -b packages/domain apps/worker`). Three runs, rounds alternated, medians reported:
// - raw nodemailer: a pooled transport sending the final messages, composed before the clock starts;
// - Parcours transport: the worker's pooled, rate-limited mailer (`createSmtpMailer`) sending the
//   very same messages (the target's comparison);
// - Parcours full path: per message also Liquid rendering of the template for the customer (over
//   HTML the MJML compiled to once, as when a template is saved) and composition (unsubscribe link,
//   click-tracking redirects, open pixel, preheader, plain-text part generated from the HTML,
//   List-Unsubscribe headers): what a send step costs besides the database.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, writeSection } from './report.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const settings = {
  messages: Number(process.env.BENCH_EMAILS ?? 2_000),
  rounds: Number(process.env.BENCH_EMAIL_ROUNDS ?? 3),
  connections: 5,
  inFlight: 50,
  report: process.env.BENCH_REPORT ?? path.join(root, 'docs/benchmarks.md'),
};

/** The sink: a real SMTP server that accepts and drains every message (its own process). */
async function runSink() {
  const { SMTPServer } = require('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.server.address().port }));
}

const MJML = `<mjml><mj-head><mj-preview>ignored</mj-preview></mj-head><mj-body>
  <mj-section><mj-column>
    <mj-image src="https://shop.example/logo.png" alt="Shop" width="120px" />
    <mj-text font-size="18px">Bonjour {{ profile.firstName | default: "vous" }},</mj-text>
    <mj-text>Votre commande {{ event.orderId }} de {{ event.total | money: "EUR" }} est confirmée
      le {{ event.at | localized_date }}.</mj-text>
    {% for item in event.items %}<mj-text>{{ item.name }} — {{ item.price | money: "EUR" }}</mj-text>{% endfor %}
    <mj-button href="https://shop.example/orders/{{ event.orderId }}">Suivre ma commande</mj-button>
    <mj-text><a href="https://shop.example/offers?src=mail">Nos offres</a> ·
      <a href="https://shop.example/help">Aide</a> · <a href="{{ unsubscribe_url }}">Se désabonner</a></mj-text>
  </mj-column></mj-section>
</mj-body></mjml>`;

function percentileMedian(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `send(i)` for i in [0, n) with at most `limit` in flight; resolves with the elapsed ms. */
async function timed(n, limit, send) {
  const started = performance.now();
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < n) await send(next++);
  });
  await Promise.all(lanes);
  return performance.now() - started;
}

async function main() {
  const domain = require(path.join(root, 'packages/domain/dist/index.js'));
  const { composeEmail } = require(path.join(root, 'apps/worker/dist/email/compose-email.js'));
  const { createSmtpMailer } = require(path.join(root, 'apps/worker/dist/email/smtp-mailer.js'));
  const { TrackingLinks } = require(path.join(root, 'apps/worker/dist/email/tracking-links.js'));
  const nodemailer = require('nodemailer');
  const mjml2html = require('mjml');

  const sink = spawn(process.execPath, [fileURLToPath(import.meta.url), 'sink'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise((resolve) => sink.once('message', resolve));
  const smtpUrl = `smtp://127.0.0.1:${port}`;

  try {
    const mjmlStarted = performance.now();
    const { html: compiledHtml } = await mjml2html(MJML, { validationLevel: 'soft', ignoreIncludes: true });
    const mjmlMs = performance.now() - mjmlStarted;
    const template = {
      content: {
        channel: 'email',
        subject: 'Commande {{ event.orderId }} confirmée',
        preheader: 'Merci {{ profile.firstName }}',
        mjml: MJML,
      },
      compiledHtml,
    };
    const links = new TrackingLinks('https://api.parcours.example', 'bench-tracking-secret-0123456789abcdef');
    const options = { links, openTracking: true, clickTracking: true };
    const sender = { from: '"La Boutique" <news@shop.example>', replyTo: 'care@shop.example' };
    const customers = Array.from({ length: settings.messages }, (_, i) => ({
      messageId: `0190a6c4-2b7e-7c3d-8f00-${String(i).padStart(12, '0')}`,
      to: `customer${i}@example.test`,
      variables: {
        profile: { firstName: `Client ${i} <&>`, locale: 'fr-FR', timezone: 'Europe/Paris' },
        event: {
          orderId: `A-${i}`,
          total: 19.99 + i,
          at: '2026-03-01T10:00:00Z',
          items: [
            { name: 'Carnet', price: 9.5 },
            { name: 'Stylo', price: 10.49 },
          ],
        },
        journey: {},
        unsubscribe_url: domain.UNSUBSCRIBE_URL_PLACEHOLDER,
      },
    }));

    /** The worker's send step, minus the database: render, compose, pooled transport. */
    const parcoursPath = async (mailer, i) => {
      const customer = customers[i];
      const rendered = await domain.renderMessageTemplate(template, customer.variables);
      const message = { ...rendered, category: 'marketing' };
      await mailer.send(composeEmail(message, customer, sender, options));
    };
    // The same final messages for raw nodemailer, composed before any clock starts.
    const composed = [];
    for (let i = 0; i < customers.length; i++) {
      const rendered = await domain.renderMessageTemplate(template, customers[i].variables);
      composed.push(composeEmail({ ...rendered, category: 'marketing' }, customers[i], sender, options));
    }
    const averageBytes =
      composed.reduce((sum, m) => sum + m.html.length + m.text.length, 0) / composed.length;

    const kinds = ['raw', 'transport', 'parcours'];
    const runs = { raw: [], transport: [], parcours: [] };
    const round = async (kind) => {
      if (kind !== 'raw') {
        const mailer = createSmtpMailer(smtpUrl, {
          ratePerSecond: 10_000,
          maxConnections: settings.connections,
        });
        const send = kind === 'parcours' ? (i) => parcoursPath(mailer, i) : (i) => mailer.send(composed[i]);
        const ms = await timed(settings.messages, settings.inFlight, send);
        mailer.close();
        return ms;
      }
      const transport = nodemailer.createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections: settings.connections,
        rateDelta: 1_000,
        rateLimit: 10_000,
      });
      const ms = await timed(settings.messages, settings.inFlight, (i) => transport.sendMail(composed[i]));
      transport.close();
      return ms;
    };
    // Warm-up (connections, JIT), not counted.
    for (const kind of kinds) await round(kind);
    for (let r = 0; r < settings.rounds; r++) {
      for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
        const ms = await round(kind);
        runs[kind].push(ms);
        console.log(
          `${kind}: ${settings.messages} emails in ${Math.round(ms)} ms (${Math.round((settings.messages / ms) * 1000)}/s)`,
        );
      }
    }
    const rate = (ms) => (settings.messages / ms) * 1000;
    const parcours = rate(percentileMedian(runs.parcours));
    const transport = rate(percentileMedian(runs.transport));
    const raw = rate(percentileMedian(runs.raw));
    console.log(
      `raw nodemailer ${Math.round(raw)}/s; Parcours transport ${Math.round(transport)}/s, ratio ${(transport / raw).toFixed(2)}; ` +
        `full path ${Math.round(parcours)}/s, ratio ${(parcours / raw).toFixed(2)}`,
    );
    await writeSection(
      settings.report,
      'Email',
      report({
        parcours,
        transport,
        raw,
        runs,
        mjmlMs,
        averageBytes,
        load: os.loadavg(),
        machine: await machine(),
      }),
    );
    console.log(`Wrote the Email section of ${path.relative(root, settings.report)}`);
  } finally {
    sink.kill();
  }
}

function report(r) {
  const int = (n) => Math.round(n).toLocaleString('en-US');
  const m = r.machine;
  return `## Email: emails/s through the pooled transport path against raw nodemailer

Measured ${new Date().toISOString().slice(0, 10)} with \`node scripts/bench/email.mjs\`: ${int(settings.messages)} emails per round
to a local SMTP sink (\`smtp-server\` on loopback, its own process, draining each message), ${settings.connections} pooled
connections, ${settings.inFlight} sends in flight, ${settings.rounds} alternated rounds each after a warm-up round.

- **raw nodemailer**: a pooled transport of the same size sending the final messages, composed
  before the clock starts (about ${int(r.averageBytes / 1024)} KiB of HTML and text each).
- **Parcours transport**: the worker's pooled, rate-limited SMTP transport (\`createSmtpMailer\`)
  sending the very same messages.
- **Parcours full path**: per message also Liquid rendering of an MJML template (compiled to HTML
  once, as at template save: ${int(r.mjmlMs)} ms here) for the customer, then composition (unsubscribe
  link, 4 click-tracking redirects, open pixel, preheader, text part generated from the HTML,
  List-Unsubscribe headers).

| path | median | ratio to raw | rounds (ms) |
| --- | ---: | ---: | --- |
| raw nodemailer | **${int(r.raw)} emails/s** | 1 | ${r.runs.raw.map(int).join(', ')} |
| Parcours transport | **${int(r.transport)} emails/s** | ${(r.transport / r.raw).toFixed(2)} | ${r.runs.transport.map(int).join(', ')} |
| Parcours full path | **${int(r.parcours)} emails/s** | ${(r.parcours / r.raw).toFixed(2)} | ${r.runs.parcours.map(int).join(', ')} |

**Ratio transport / raw: ${(r.transport / r.raw).toFixed(2)}** (target ≥ 0.9). The full path's ratio
(${(r.parcours / r.raw).toFixed(2)}) adds what rendering and composing cost, on the same cores as the
sink: ${(1000 / r.parcours - 1000 / r.transport).toFixed(2)} ms more per message (1/full path − 1/transport).
Database work of a real send (consent, ledger claim, \`message.sent\` event) is in neither: it is the
journey engine's, measured by the journeys benchmark.

Machine: ${m.cpu}, ${m.nproc} cores shared with other work (load average ${r.load.map((n) => n.toFixed(2)).join(', ')}), ${m.os}, Node ${m.node}.
`;
}

if (process.argv[2] === 'sink') await runSink();
else await main();
