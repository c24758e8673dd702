// The email channel end to end: a saved MJML template pinned at publish, sent by the real worker
// through the pooled SMTP transport to a real SMTP server on loopback, parsed back; its open pixel,
// click redirect and one-click unsubscribe hit on the real API; the delivery events reach the
// journey (wait.event), the stats and the profile; a hard bounce suppresses the address.
import { type ParsedMail } from 'mailparser';
import { apiClient, bearer } from '../support/apps';
import { explainedBy } from '../support/app-process';
import { useJourneyStack } from '../support/journey-stack';
import { waitFor } from '../support/ports';

const WEBHOOK_SECRET = 'email-channel-test-webhook-secret-0123456789';

const MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Bonjour {{ profile.firstName | default: "vous" }},</mj-text>
        <mj-text>Votre commande {{ event.orderId }} : {{ event.total | money: "EUR" }}.</mj-text>
        <mj-button href="https://shop.example/offer?sku={{ event.sku }}&amp;src=mail">Voir l'offre</mj-button>
        <mj-text><a href="{{ unsubscribe_url }}">Se désabonner</a> · <a href="mailto:care@shop.example">Écrire</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value;
  // mailparser parses List-* headers into objects; the raw line is in headerLines.
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : '';
}

function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

describe('email channel: templates, SMTP, tracking, unsubscribe, feedback', () => {
  const stack = useJourneyStack({ tracking: true, apiEnv: { EMAIL_WEBHOOK_SECRET: WEBHOOK_SECRET } });

  it('sends the pinned template, tracks opens and clicks, unsubscribes in one click, suppresses hard bounces', async () => {
    const { admin, ingest, api, worker, db, smtp } = stack;
    expect(
      await admin('PUT', '/workspace/email-sender', {
        fromName: 'La Boutique',
        fromEmail: 'news@shop.example',
        replyTo: 'care@shop.example',
      }),
    ).toMatchObject({ status: 200 });

    const template = await admin<{ id: string; version: number; compiledHtml: string }>(
      'POST',
      '/templates',
      {
        name: 'Order confirmation',
        content: {
          channel: 'email',
          subject: 'Merci {{ profile.firstName }} !',
          preheader: 'Commande {{ event.orderId }}',
          mjml: MJML,
        },
      },
    );
    expect(template).toMatchObject({ status: 201, body: { version: 1 } });
    expect(template.body.compiledHtml).toContain('{{ profile.firstName | default: "vous" }}');

    const graph = {
      nodes: [
        { id: 'ordered', type: 'trigger.event', config: { event: 'order.placed', filters: [] } },
        { id: 'confirm', type: 'send.email', config: { template: { id: template.body.id } } },
        {
          id: 'opened',
          type: 'wait.event',
          config: { event: 'message.opened', timeout: { amount: 1, unit: 'hours' } },
        },
        {
          id: 'thanks',
          type: 'send.email',
          config: { subject: 'Thanks for reading', text: 'Hello {{ profile.firstName }}' },
        },
        { id: 'end', type: 'exit', config: {} },
      ],
      edges: [
        { id: 'e1', source: 'ordered', sourcePort: 'out', target: 'confirm' },
        { id: 'e2', source: 'confirm', sourcePort: 'out', target: 'opened' },
        { id: 'e3', source: 'opened', sourcePort: 'received', target: 'thanks' },
        { id: 'e4', source: 'opened', sourcePort: 'timeout', target: 'end' },
        { id: 'e5', source: 'thanks', sourcePort: 'out', target: 'end' },
      ],
    };
    const scenario = await admin<{ id: string }>('POST', '/scenarios', { name: 'Orders', graph });
    expect(scenario.status).toBe(201);
    expect(await admin('POST', `/scenarios/${scenario.body.id}/publish`)).toMatchObject({ status: 201 });
    const pinned = await db.query(
      `SELECT graph->'nodes'->1->'config'->'template' AS template FROM scenario_versions WHERE scenario_id = $1`,
      [scenario.body.id],
    );
    expect(pinned.rows[0].template).toEqual({ id: template.body.id, version: 1 });
    // A later edit is version 2; the published scenario keeps sending version 1.
    const edited = await admin('PUT', `/templates/${template.body.id}`, {
      content: { channel: 'email', subject: 'Version two', text: 'v2' },
    });
    expect(edited).toMatchObject({ status: 200, body: { version: 2 } });

    await admin('PUT', '/profiles/lea', {
      email: 'lea@example.test',
      traits: { firstName: '<img src=x onerror=alert(1)> Léa', locale: 'fr-FR' },
      consents: { email: { status: 'granted', source: 'checkout' } },
    });
    expect(
      await ingest('POST', '/v1/track', {
        userId: 'lea',
        event: 'order.placed',
        properties: { orderId: 'A-42', total: 1234.5, sku: 'SKU-7' },
      }),
    ).toMatchObject({ status: 200 });

    const [mail] = await explainedBy(smtp.waitForMessages(1), api.process, worker.process);
    const [ledger] = (await db.query(`SELECT id FROM message_ledger WHERE node_id = 'confirm'`)).rows;
    expect(mail.subject).toBe('Merci <img src=x onerror=alert(1)> Léa !');
    expect(mail.from?.text).toBe('"La Boutique" <news@shop.example>');
    expect(mail.replyTo?.text).toBe('care@shop.example');
    expect(mail.messageId).toBe(`<${ledger.id}@parcours>`);
    const html = String(mail.html);
    // Traits are escaped in the HTML body; MJML made it responsive; the preheader leads the body.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Léa');
    expect(html).not.toContain('<img src=x');
    expect(html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(html).toMatch(/<body[^>]*><div style="display:none[^"]*">Commande A-42/);
    const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.5);
    expect(html).toContain(euros);
    // The text part was generated from the HTML.
    expect(mail.text).toContain('Bonjour <img src=x onerror=alert(1)> Léa,');
    expect(mail.text).toContain(`Votre commande A-42 : ${euros}.`);

    // RFC 8058: an unsubscribe URL of this message, and the one-click POST marker.
    const listUnsubscribe = header(mail, 'list-unsubscribe');
    const unsubscribeUrl = /^<([^>]+)>$/.exec(listUnsubscribe)?.[1] ?? '';
    expect(unsubscribeUrl.startsWith(`${api.url}/u/`)).toBe(true);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const hrefs = links(html);
    // {{ unsubscribe_url }} is the same signed link; mailto: is left alone; the offer is wrapped.
    expect(hrefs).toContain(unsubscribeUrl);
    expect(hrefs).toContain('mailto:care@shop.example');
    const click = hrefs.find((h) => h.startsWith(`${api.url}/t/c/`))!;
    expect(click).toBeDefined();
    const pixel = /<img src="([^"]+\/t\/o\/[^"]+)"/.exec(html)?.[1];
    expect(pixel).toBeDefined();

    // The open: a GIF, an event on the timeline, and the journey waiting for it moves on.
    const opened = await fetch(pixel!);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/gif');
    const [thanks] = (await smtp.waitForMessages(2)).slice(1);
    expect(thanks.subject).toBe('Thanks for reading');

    // The click: recorded, redirected to exactly the signed URL.
    const clicked = await fetch(click, { redirect: 'manual' });
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get('location')).toBe('https://shop.example/offer?sku=SKU-7&src=mail');

    // Forged and altered links are refused, and redirect nowhere.
    const [payload, signature] = click.slice(`${api.url}/t/c/`.length).split('.');
    const otherUrl = Buffer.from(JSON.stringify([ledger.id, 'c', 'https://evil.example/'])).toString(
      'base64url',
    );
    for (const forged of [
      `${api.url}/t/c/${otherUrl}.${signature}`,
      `${api.url}/t/c/${payload}.${signature.slice(0, -2)}AA`,
      `${api.url}/t/c/${pixel!.split('/t/o/')[1]}`,
      `${api.url}/t/o/${payload}`,
      `${api.url}/t/c/${'x'.repeat(5_000)}`,
    ]) {
      const response = await fetch(forged, { redirect: 'manual' });
      expect({ forged, status: response.status, location: response.headers.get('location') }).toEqual({
        forged,
        status: 404,
        location: null,
      });
    }

    // The unsubscribe page changes nothing by itself; the one-click POST does.
    const page = await fetch(unsubscribeUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    const before = await db.query(
      `SELECT consents->'email'->>'status' AS status FROM profiles WHERE external_id = 'lea'`,
    );
    expect(before.rows[0].status).toBe('granted');
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const after = await db.query(`SELECT consents->'email' AS email FROM profiles WHERE external_id = 'lea'`);
    expect(after.rows[0].email).toMatchObject({ status: 'revoked', source: 'unsubscribe_link' });
    // Clicking again stores nothing new.
    expect((await fetch(unsubscribeUrl, { method: 'POST' })).status).toBe(200);

    const events = await db.query(
      `SELECT name, count(*)::int AS n, min(properties->>'messageId') AS message
       FROM events WHERE name LIKE 'message.%' OR name = 'consent.revoked' GROUP BY name`,
    );
    const byName = Object.fromEntries(events.rows.map((r) => [r.name, r]));
    expect(byName['message.sent'].n).toBe(2);
    expect(byName['message.opened']).toMatchObject({ n: 1, message: ledger.id });
    expect(byName['message.clicked']).toMatchObject({ n: 1, message: ledger.id });
    expect(byName['message.unsubscribed']).toMatchObject({ n: 1, message: ledger.id });
    expect(byName['consent.revoked']).toMatchObject({ n: 1, message: ledger.id });

    const stats = await admin<{ nodes: Record<string, { messages: Record<string, number> }> }>(
      'GET',
      `/scenarios/${scenario.body.id}/stats`,
    );
    expect(stats.body.nodes.confirm.messages).toMatchObject({
      sent: 1,
      delivered: 1,
      opened: 1,
      clicked: 1,
      unsubscribed: 1,
      bounced: 0,
    });

    // Bounce feedback: authenticated; a hard bounce suppresses the address for good.
    const feedback = apiClient(api.url, bearer(WEBHOOK_SECRET));
    const [thanksLedger] = (await db.query(`SELECT id FROM message_ledger WHERE node_id = 'thanks'`)).rows;
    const bounce = {
      events: [{ type: 'bounced', bounceType: 'hard', messageId: `<${thanksLedger.id}@parcours>` }],
    };
    expect(
      await apiClient(api.url, bearer('wrong-secret'))('POST', '/webhooks/email/feedback', bounce),
    ).toMatchObject({
      status: 401,
    });
    expect(await feedback('POST', '/webhooks/email/feedback', bounce)).toEqual({
      status: 200,
      body: { results: [{ messageId: thanksLedger.id, status: 'recorded' }] },
    });
    const invalid = await feedback('POST', '/webhooks/email/feedback', {
      events: [{ type: 'bounced', bounceType: 'maybe', messageId: 'nope' }],
    });
    expect(invalid.status).toBe(400);
    const suppressed = await db.query(`SELECT reason FROM email_suppressions`);
    expect(suppressed.rows).toEqual([{ reason: 'hard_bounce' }]);

    // Consent granted again later (a form): the suppression still holds the address back.
    await admin('PUT', '/profiles/lea', { consents: { email: { status: 'granted', source: 'form' } } });
    await ingest('POST', '/v1/track', {
      userId: 'lea',
      event: 'order.placed',
      properties: { orderId: 'B-1' },
    });
    await waitFor('the second confirmation to be skipped', async () => {
      const { rows } = await db.query(
        `SELECT reason FROM message_ledger WHERE node_id = 'confirm' AND status = 'skipped'`,
      );
      return rows[0]?.reason;
    }).then((reason) => expect(reason).toBe('suppressed:hard_bounce'));
    expect(smtp.messages).toHaveLength(2);
  });
});
