import { createFakeExecutionContext } from './fake-execution-context';
import { sendPushNode } from './send-push';
import { sendSmsNode } from './send-sms';

describe('send.sms', () => {
  const parse = (input: unknown) => sendSmsNode.configSchema.safeParse(input);

  it('normalises an E.164 sender and takes an alphanumeric one; refuses anything else', () => {
    expect(parse({ body: 'Hi', from: ' +33 6 12 34 56 78 ' }).data?.from).toBe('+33612345678');
    expect(parse({ body: 'Hi', from: 'Parcours' }).data?.from).toBe('Parcours');
    for (const from of ['0612345678', '+331', 'Far too long sender', '12345', 'a;b']) {
      expect(parse({ body: 'Hi', from }).error?.issues[0]).toMatchObject({ path: ['from'] });
    }
  });

  it('reports Liquid syntax errors at the body with line and column', () => {
    const config = sendSmsNode.configSchema.parse({ body: 'Hi\n{{ profile.firstName ' });
    expect(sendSmsNode.validate!(config)).toEqual([
      { path: ['body'], message: expect.stringMatching(/^Message: template error at line 2, column \d+/) },
    ]);
  });

  it('takes a saved SMS template or inline text, not both, not neither', () => {
    const template = { id: '7d0c7f34-4b0e-4d5c-9a8c-2f1f4e1c2b3a' };
    const check = (input: unknown) => sendSmsNode.validate!(sendSmsNode.configSchema.parse(input));
    expect(check({ template })).toEqual([]);
    expect(check({ template, body: 'Hi' })).toEqual([
      { path: ['body'], message: 'Message: give either a template or inline content, not both' },
    ]);
    expect(check({})).toEqual([{ path: ['body'], message: 'Message: required without a template' }]);
  });

  it("sends the pinned saved template's text; fails when it is gone or of another channel", async () => {
    const id = '7d0c7f34-4b0e-4d5c-9a8c-2f1f4e1c2b3a';
    const ctx = createFakeExecutionContext({
      profile: { traits: { firstName: 'Zoé' } },
      templates: [
        { templateId: id, version: 2, content: { channel: 'sms', body: 'Salut {{ profile.firstName }}' } },
      ],
    });
    const saved = sendSmsNode.configSchema.parse({ template: { id, version: 2 } });
    await expect(sendSmsNode.execute!(ctx, saved)).resolves.toEqual({ port: 'out', outcome: 'sent' });
    expect(ctx.sent).toEqual([{ channel: 'sms', category: 'marketing', body: 'Salut Zoé' }]);
    const gone = sendSmsNode.configSchema.parse({ template: { id: '0b5a3c1e-8d2f-4f6a-9e7b-1c2d3e4f5a6b' } });
    await expect(sendSmsNode.execute!(ctx, gone)).resolves.toEqual({
      port: 'out',
      outcome: 'failed:template_not_found',
    });
    const email = createFakeExecutionContext({
      templates: [{ templateId: id, version: 1, content: { channel: 'email', subject: 'Hi', text: 'Hi' } }],
    });
    await expect(sendSmsNode.execute!(email, saved)).resolves.toMatchObject({
      outcome: 'failed:template_not_found',
    });
  });

  it('sends the rendered text with the sender override, as marketing by default', async () => {
    const ctx = createFakeExecutionContext({ profile: { traits: { firstName: 'Zoé' } } });
    const config = sendSmsNode.configSchema.parse({
      body: 'Bonjour {{ profile.firstName }} 👋',
      from: 'Parcours',
    });
    await expect(sendSmsNode.execute!(ctx, config)).resolves.toEqual({ port: 'out', outcome: 'sent' });
    expect(ctx.sent).toEqual([
      { channel: 'sms', category: 'marketing', body: 'Bonjour Zoé 👋', from: 'Parcours' },
    ]);
  });

  it('sends nothing when the rendered text is empty or too long', async () => {
    const ctx = createFakeExecutionContext({ profile: { traits: { long: 'x'.repeat(2_000) } } });
    const empty = sendSmsNode.configSchema.parse({ body: '{{ profile.nothing }}' });
    const long = sendSmsNode.configSchema.parse({ body: '{{ profile.long }}', onFailure: 'exit' });
    await expect(sendSmsNode.execute!(ctx, empty)).resolves.toEqual({
      port: 'out',
      outcome: 'skipped:empty_body',
    });
    await expect(sendSmsNode.execute!(ctx, long)).resolves.toEqual({
      exit: 'send_failed',
      outcome: 'failed:body_too_long',
    });
    expect(ctx.sent).toEqual([]);
  });
});

describe('send.push', () => {
  it('takes http(s) icon and link URLs only, checked at publish or once rendered', async () => {
    const check = (url: string) =>
      sendPushNode.validate!(sendPushNode.configSchema.parse({ title: 'T', body: 'B', url }));
    expect(check('https://shop.example/cart')).toEqual([]);
    expect(check('https://shop.example/u/{{ profile.id }}')).toEqual([]);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      expect(check(url)).toEqual([{ path: ['url'], message: 'Link: an http(s) URL' }]);
    }
    const ctx = createFakeExecutionContext({ profile: { traits: { link: 'javascript:alert(1)' } } });
    const rendered = sendPushNode.configSchema.parse({ title: 'T', body: 'B', url: '{{ profile.link }}' });
    await expect(sendPushNode.execute!(ctx, rendered)).resolves.toEqual({
      port: 'out',
      outcome: 'failed:template: Link is not an http(s) URL',
    });
    expect(ctx.sent).toEqual([]);
  });

  it('sends the rendered title and text with icon and link', async () => {
    const ctx = createFakeExecutionContext({ profile: { traits: { firstName: 'Zoé' } } });
    const config = sendPushNode.configSchema.parse({
      title: 'Hi {{ profile.firstName }}',
      body: 'Your cart misses you',
      icon: 'https://shop.example/icon.png',
      url: 'https://shop.example/cart?u={{ profile.firstName | url_encode }}',
      category: 'transactional',
    });
    await expect(sendPushNode.execute!(ctx, config)).resolves.toEqual({ port: 'out', outcome: 'sent' });
    expect(ctx.sent).toEqual([
      {
        channel: 'push',
        category: 'transactional',
        title: 'Hi Zoé',
        body: 'Your cart misses you',
        icon: 'https://shop.example/icon.png',
        url: 'https://shop.example/cart?u=Zo%C3%A9',
      },
    ]);
  });
});
