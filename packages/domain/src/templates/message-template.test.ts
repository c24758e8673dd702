import { createFakeExecutionContext } from '../nodes/fake-execution-context';
import { UNSUBSCRIBE_URL_PLACEHOLDER } from '../nodes/node-execution';
import { sendEmailNode } from '../nodes/send-email';
import {
  messageTemplateContentSchema,
  messageTemplateIssues,
  type PinnedTemplate,
  renderMessageTemplate,
} from './message-template';

describe('message template content', () => {
  it('has one shape per channel', () => {
    const parse = (content: unknown) => messageTemplateContentSchema.safeParse(content).success;
    expect(parse({ channel: 'email', subject: 'Hi', html: '<p>x</p>' })).toBe(true);
    expect(parse({ channel: 'sms', body: 'Hi {{ profile.firstName }}' })).toBe(true);
    expect(parse({ channel: 'push', title: 'Hi', body: 'x', url: 'https://a.example/' })).toBe(true);
    expect(parse({ channel: 'sms', subject: 'Hi', body: 'x' })).toBe(false);
    expect(parse({ channel: 'fax', body: 'x' })).toBe(false);
    expect(parse({ channel: 'email', subject: 'Hi\nBcc: x@y.z', text: 'x' })).toBe(false);
    expect(parse({ channel: 'email', subject: 'Hi', text: 'x', fromName: 'A" <x@evil>' })).toBe(false);
    expect(parse({ channel: 'email', subject: 'Hi', text: 'x', replyTo: 'not an address' })).toBe(false);
    expect(parse({ channel: 'sms', body: 'x'.repeat(1_601) })).toBe(false);
  });

  it('reports syntax errors and unknown variables per field with line and column', () => {
    expect(
      messageTemplateIssues({
        channel: 'email',
        subject: 'Hi {{ customer.name }}',
        html: '<p>\n  {% if profile.vip %}VIP</p>',
        text: '{{ profile.firstName | default: "there" }} {{ unsubscribe_url }}',
      }),
    ).toEqual([
      {
        path: ['subject'],
        message: expect.stringContaining('line 1, column 7: unknown variable "customer"'),
      },
      { path: ['html'], message: expect.stringMatching(/^line 2, column 3: .*not closed/) },
    ]);
    expect(messageTemplateIssues({ channel: 'email', subject: 'Hi' })).toEqual([
      { path: ['html'], message: expect.stringContaining('needs an html or mjml body') },
    ]);
    expect(
      messageTemplateIssues({ channel: 'sms', body: '{% for i in items %}{{ i }}{% endfor %}' }),
    ).toEqual([{ path: ['body'], message: expect.stringContaining('unknown variable "items"') }]);
  });

  it('accepts loop and assigned variables', () => {
    expect(
      messageTemplateIssues({
        channel: 'sms',
        body: '{% assign n = profile.firstName %}{% for p in event.items %}{{ p.name }}{{ forloop.index }}{% endfor %}{{ n }}',
      }),
    ).toEqual([]);
  });

  it('renders per channel, escaping HTML bodies only', async () => {
    const variables = { profile: { firstName: '<b>Léa</b>' } };
    await expect(
      renderMessageTemplate(
        {
          content: {
            channel: 'email',
            subject: 'Hi {{ profile.firstName }}',
            html: '<p>{{ profile.firstName }}</p>',
            text: 'Hi {{ profile.firstName }}',
          },
        },
        variables,
      ),
    ).resolves.toEqual({
      channel: 'email',
      subject: 'Hi <b>Léa</b>',
      html: '<p>&lt;b&gt;Léa&lt;/b&gt;</p>',
      text: 'Hi <b>Léa</b>',
    });
    await expect(
      renderMessageTemplate({ content: { channel: 'sms', body: 'Hi {{ profile.firstName }}' } }, variables),
    ).resolves.toEqual({ channel: 'sms', body: 'Hi <b>Léa</b>' });
  });

  it('renders the compiled MJML rather than its source', async () => {
    const rendered = await renderMessageTemplate(
      {
        content: { channel: 'email', subject: 's', mjml: '<mjml>…</mjml>' },
        compiledHtml: '<table><td>{{ profile.firstName }}</td></table>',
      },
      { profile: { firstName: 'Léa' } },
    );
    expect(rendered).toMatchObject({ html: '<table><td>Léa</td></table>' });
  });
});

describe('send.email with a template', () => {
  const template: PinnedTemplate = {
    templateId: '0190a6c4-2b7e-7c3d-8f00-000000000001',
    version: 3,
    content: {
      channel: 'email',
      subject: 'Order {{ event.orderId }}',
      preheader: 'Thanks {{ profile.firstName }}',
      html: '<p>{{ event.total | money: "EUR" }}</p><a href="{{ unsubscribe_url }}">stop</a>',
      replyTo: 'care@shop.example',
    },
  };

  it('sends the pinned version, rendered for the customer', async () => {
    const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.5);
    const ctx = createFakeExecutionContext({
      profile: { traits: { firstName: 'Léa', locale: 'fr-FR' } },
      journey: {
        triggerEvent: {
          id: 'e',
          name: 'order',
          properties: { orderId: 'A1', total: 1234.5 },
        },
      },
      templates: [template],
    });
    const result = await sendEmailNode.execute!(
      ctx,
      sendEmailNode.configSchema.parse({ template: { id: template.templateId, version: 3 } }),
    );
    expect(result).toEqual({ port: 'out', outcome: 'sent' });
    expect(ctx.sent).toEqual([
      {
        channel: 'email',
        category: 'marketing',
        subject: 'Order A1',
        preheader: 'Thanks Léa',
        html: `<p>${euros}</p><a href="${UNSUBSCRIBE_URL_PLACEHOLDER}">stop</a>`,
        replyTo: 'care@shop.example',
      },
    ]);
  });

  it('fails the step when the template is gone or of another channel', async () => {
    const ctx = createFakeExecutionContext({
      templates: [{ ...template, content: { channel: 'sms', body: 'x' } }],
    });
    const config = sendEmailNode.configSchema.parse({
      template: { id: template.templateId },
      onFailure: 'exit',
    });
    await expect(sendEmailNode.execute!(ctx, config)).resolves.toEqual({
      exit: 'send_failed',
      outcome: 'failed:template_not_found',
    });
    expect(ctx.sent).toEqual([]);
  });
});
