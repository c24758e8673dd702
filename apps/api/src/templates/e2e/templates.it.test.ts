import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';

interface Template {
  id: string;
  name: string;
  channel: string;
  version: number;
  content: Record<string, unknown>;
  compiledHtml: string | null;
}
interface Refusal {
  statusCode: number;
  errors?: { path: string; code: string; message: string }[];
}

const email = (subject: string, extra: Record<string, unknown> = {}) => ({
  channel: 'email',
  subject,
  html: '<p>Hello {{ profile.firstName | default: "there" }}</p>',
  ...extra,
});

describe('/templates: CRUD, versions, preview, hostile content', () => {
  let h: ApiHarness;
  let profileId: string;
  const templateRows = async () =>
    Number((await h.db.query(`SELECT count(*) FROM message_template_versions`)).rows[0].count);

  beforeAll(async () => {
    h = await startApiHarness();
    await h.admin('PUT', '/profiles/zoe', {
      email: 'zoe@example.test',
      traits: { firstName: '<script>alert(1)</script>', locale: 'de-DE', timezone: 'Europe/Berlin' },
    });
    profileId = (await h.db.query(`SELECT id FROM profiles WHERE external_id = 'zoe'`)).rows[0].id;
  });
  afterAll(() => h?.close());

  it('creates, lists, versions on each content change, renames, archives', async () => {
    const created = await h.admin<Template>('POST', '/templates', { name: 'Welcome', content: email('Hi') });
    expect(created).toMatchObject({ status: 201, body: { name: 'Welcome', channel: 'email', version: 1 } });
    const id = created.body.id;
    const sms = await h.admin<Template>('POST', '/templates', {
      name: 'Welcome SMS',
      content: { channel: 'sms', body: 'Hi {{ profile.firstName }}' },
    });
    expect(sms).toMatchObject({ status: 201, body: { channel: 'sms' } });

    expect(await h.admin('POST', '/templates', { name: 'welcome', content: email('Hi') })).toMatchObject({
      status: 409,
    });
    const renamed = await h.admin<Template>('PUT', `/templates/${id}`, { name: 'Welcome v2' });
    expect(renamed.body).toMatchObject({ name: 'Welcome v2', version: 1 });
    const changed = await h.admin<Template>('PUT', `/templates/${id}`, { content: email('Hello again') });
    expect(changed.body).toMatchObject({ version: 2, content: { subject: 'Hello again' } });
    expect((await h.admin<Template>('GET', `/templates/${id}/versions/1`)).body.content).toMatchObject({
      subject: 'Hi',
    });
    const channelSwap = await h.admin<Refusal>('PUT', `/templates/${id}`, {
      content: { channel: 'sms', body: 'x' },
    });
    expect(channelSwap.status).toBe(400);
    expect(channelSwap.body.errors?.[0].path).toBe('content.channel');

    const listed = await h.admin<Template[]>('GET', '/templates?channel=email');
    expect(listed.body.map((t) => t.name)).toEqual(['Welcome v2']);
    expect((await h.admin('DELETE', `/templates/${id}`)).status).toBe(204);
    expect((await h.admin('GET', `/templates/${id}`)).status).toBe(404);
    // Pinned versions stay readable for the scenarios that use them.
    expect((await h.admin('GET', `/templates/${id}/versions/2`)).status).toBe(200);
    expect((await h.admin('GET', `/templates/${randomUUID()}`)).status).toBe(404);
  });

  it('compiles MJML at save and refuses invalid MJML with its line', async () => {
    const ok = await h.admin<Template>('POST', '/templates', {
      name: 'MJML',
      content: {
        channel: 'email',
        subject: 'x',
        mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ profile.firstName }}</mj-text></mj-column></mj-section></mj-body></mjml>',
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.compiledHtml).toMatch(/<!doctype html>/i);
    expect(ok.body.compiledHtml).toContain('Hi {{ profile.firstName }}');
    const before = await templateRows();
    const bad = await h.admin<Refusal>('POST', '/templates', {
      name: 'Bad MJML',
      content: {
        channel: 'email',
        subject: 'x',
        mjml: '<mjml><mj-body>\n<mj-section><mj-colum>x</mj-colum></mj-section></mj-body></mjml>',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]).toMatchObject({
      path: 'content.mjml',
      message: expect.stringMatching(/^line 2: /),
    });
    expect(await templateRows()).toBe(before);
  });

  it.each([
    [
      'a Liquid syntax error',
      email('Hi {{ profile.firstName | shout }}'),
      'content.subject',
      /line 1, column 4: undefined filter: shout/,
    ],
    [
      'an unknown variable',
      email('Hi', { text: 'x\n  {{ customer.name }}' }),
      'content.text',
      /line 2, column 6: unknown variable "customer"/,
    ],
    [
      'an include (file system)',
      email('Hi', { html: '{% include "/etc/passwd" %}' }),
      'content.html',
      /not supported/,
    ],
    [
      'a layout (file system)',
      email('Hi', { html: '{% layout "../../secrets" %}' }),
      'content.html',
      /not supported/,
    ],
    [
      'header injection in the subject',
      email('Hi\r\nBcc: all@example.test'),
      'content.subject',
      /single line/,
    ],
    [
      'a forged sender name',
      email('Hi', { fromName: 'Bank" <ceo@bank.example>' }),
      'content.fromName',
      /quotes/,
    ],
    ['both html and mjml', email('Hi', { mjml: '<mjml></mjml>' }), 'content.mjml', /not both/],
    ['an oversized body', email('Hi', { html: 'x'.repeat(200_001) }), 'content.html', /200000/],
    ['an unknown field', email('Hi', { script: 'x' }), 'content', /script/],
    ['an unknown channel', { channel: 'fax', body: 'x' }, 'content.channel', /./],
  ])('refuses %s with a field-level 400 and stores nothing', async (_label, content, path, message) => {
    const before = await templateRows();
    const res = await h.admin<Refusal>('POST', '/templates', { name: `T ${randomUUID()}`, content });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
    );
    expect(await templateRows()).toBe(before);
  });

  it('refuses bodies over 1 MiB with a 413 and NUL characters with a 400', async () => {
    const huge = await h.admin('POST', '/templates', {
      name: 'Huge',
      content: email('x', { html: 'é'.repeat(600_000) }),
    });
    expect(huge.status).toBe(413);
    const nul = await h.admin('POST', '/templates', { name: 'Nul\u0000', content: email('x') });
    expect(nul.status).toBe(400);
  });

  it('previews a saved template or a draft for a customer, escaping HTML, in their locale', async () => {
    const saved = await h.admin<Template>('POST', '/templates', {
      name: 'Receipt',
      content: {
        channel: 'email',
        subject: 'Receipt for {{ profile.firstName }}',
        html: '<p>{{ profile.firstName }}: {{ event.total | money: "EUR" }} on {{ event.at | localized_date }}</p>',
      },
    });
    const preview = await h.admin<{ rendered: Record<string, string> }>('POST', '/templates/preview', {
      profileId,
      templateId: saved.body.id,
      event: { total: 1234.5, at: '2026-03-01T23:30:00Z' },
    });
    expect(preview.status).toBe(200);
    const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5);
    expect(preview.body.rendered).toEqual({
      channel: 'email',
      subject: 'Receipt for <script>alert(1)</script>',
      html: `<p>&lt;script&gt;alert(1)&lt;/script&gt;: ${euros} on 2. März 2026</p>`,
    });

    const draft = await h.admin<{ rendered: Record<string, string> }>('POST', '/templates/preview', {
      profileId,
      content: {
        channel: 'sms',
        body: '{% if profile.vip %}VIP {% endif %}Hallo {{ profile.nickname | default: "Freund" }}',
      },
    });
    expect(draft.body.rendered).toEqual({ channel: 'sms', body: 'Hallo Freund' });
  });

  it('refuses hostile previews: runaway loops, unknown profiles, both sources, oversized samples', async () => {
    const loop = await h.admin<Refusal>('POST', '/templates/preview', {
      profileId,
      content: {
        channel: 'sms',
        body: '{% for i in (1..100000000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}',
      },
    });
    expect(loop.status).toBe(400);
    expect(loop.body.errors?.[0]).toMatchObject({ path: 'content', code: 'render_failed' });
    expect(
      (
        await h.admin('POST', '/templates/preview', {
          profileId: randomUUID(),
          content: { channel: 'sms', body: 'x' },
        })
      ).status,
    ).toBe(404);
    const both = await h.admin<Refusal>('POST', '/templates/preview', {
      profileId,
      templateId: randomUUID(),
      content: { channel: 'sms', body: 'x' },
    });
    expect(both.status).toBe(400);
    const big = await h.admin<Refusal>('POST', '/templates/preview', {
      profileId,
      content: { channel: 'sms', body: 'x' },
      event: { blob: 'x'.repeat(40_000) },
    });
    expect(big.status).toBe(400);
    expect(big.body.errors?.[0].path).toBe('event');
  });

  it('sets the workspace sender identity, refusing header injection', async () => {
    expect(
      await h.admin('PUT', '/workspace/email-sender', { fromName: 'Shop', fromEmail: 'news@shop.example' }),
    ).toEqual({
      status: 200,
      body: { fromName: 'Shop', fromEmail: 'news@shop.example' },
    });
    const bad = await h.admin<Refusal>('PUT', '/workspace/email-sender', {
      fromEmail: 'x@y.z\r\nBcc: all@x.y',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].path).toBe('fromEmail');
    expect((await h.admin('GET', '/workspace/email-sender')).body).toEqual({
      fromName: 'Shop',
      fromEmail: 'news@shop.example',
    });
  });
});
