import {
  createFakeExecutionContext,
  type FakeExecutionContextOptions,
  portOf,
} from './fake-execution-context';
import { type HttpRequest, HttpRequestError, type HttpResponse } from './node-execution';
import { webhookNode } from './webhook';

const parse = (input: unknown) => webhookNode.configSchema.parse(input);
const json = (status: number, body: unknown): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const config = parse({
  url: 'https://crm.example.com/customers/{{ profile.userId }}/tasks?source={{ event.source }}',
  headers: { Authorization: 'Bearer {{ journey.token }}' },
  body: { name: '{{ profile.firstName }}', tags: ['journey', '{{ event.source }}'], count: 2 },
  saveResponse: { tier: 'data.tier', missing: 'data.nothing' },
});

function context(
  http: (request: HttpRequest) => Promise<HttpResponse>,
  options: FakeExecutionContextOptions = {},
) {
  return createFakeExecutionContext({
    profile: { userId: 'u/../admin?x=1', traits: { firstName: 'Zoé "the" <b>' } },
    journey: { triggerEvent: { id: 'e1', name: 'cart.abandoned', properties: { source: 'web & app' } } },
    variables: { token: 's3cret' },
    http,
    ...options,
  });
}

describe('webhook', () => {
  it('renders the request: encoded URL values, JSON body from templates, idempotency key', async () => {
    const ctx = context(async () => json(201, { data: { tier: 'gold' } }));
    const result = await webhookNode.execute!(ctx, config);
    expect(result).toEqual({ port: 'ok', outcome: 'ok', variables: { tier: 'gold', missing: null } });
    const [request] = ctx.requests;
    expect(request.method).toBe('POST');
    // Customer data cannot climb the path or add query parameters.
    expect(request.url).toBe(
      'https://crm.example.com/customers/u%2F..%2Fadmin%3Fx%3D1/tasks?source=web%20%26%20app',
    );
    expect(request.headers).toEqual({
      Authorization: 'Bearer s3cret',
      'Idempotency-Key': 'journey-1:step-1:0',
      'Content-Type': 'application/json',
    });
    // Quotes in customer data stay inside their string: the body is built, then encoded.
    expect(JSON.parse(request.body!)).toEqual({
      name: 'Zoé "the" <b>',
      tags: ['journey', 'web & app'],
      count: 2,
    });
    expect(request.timeoutMs).toBe(10_000);
  });

  it('fails at once on a 4xx: the request itself is wrong', async () => {
    const ctx = context(async () => json(422, { error: 'bad' }));
    expect(await webhookNode.execute!(ctx, config)).toEqual({ port: 'failed', outcome: 'failed:http_422' });
    expect(ctx.recorded.value).toEqual({ ok: false, failure: 'http_422' });
  });

  it.each([
    ['a 503', async () => json(503, {}), 'failed:http_503'],
    ['a 429', async () => json(429, {}), 'failed:http_429'],
    [
      'a timeout',
      async (): Promise<HttpResponse> => {
        throw new HttpRequestError('timeout', 'slow');
      },
      'failed:timeout',
    ],
    [
      'a network error',
      async (): Promise<HttpResponse> => {
        throw new HttpRequestError('network', 'ECONNREFUSED');
      },
      'failed:network',
    ],
  ])(
    'retries on %s (throws for the engine to retry), then fails on the last attempt',
    async (_label, http, outcome) => {
      const first = context(http, { step: { attempt: 1 } });
      await expect(webhookNode.execute!(first, config)).rejects.toThrow();
      expect(first.recorded).toEqual({}); // nothing recorded: the retry calls again
      const last = context(http, { step: { attempt: 3 } });
      expect(await webhookNode.execute!(last, config)).toEqual({ port: 'failed', outcome });
    },
  );

  it('never retries a refused destination', async () => {
    const ctx = context(
      async () => {
        throw new HttpRequestError('refused_destination', '127.0.0.1 is a loopback address');
      },
      { step: { attempt: 1 } },
    );
    expect(await webhookNode.execute!(ctx, config)).toEqual({
      port: 'failed',
      outcome: 'failed:refused_destination',
    });
  });

  it('returns the recorded result on a retry after it acted, without calling again', async () => {
    const ctx = context(
      async () => {
        throw new Error('must not be called');
      },
      { recordedEffect: { ok: true, variables: { tier: 'silver' } }, step: { attempt: 2 } },
    );
    expect(await webhookNode.execute!(ctx, config)).toEqual({
      port: 'ok',
      outcome: 'ok',
      variables: { tier: 'silver' },
    });
    expect(ctx.requests).toEqual([]);
  });

  it('succeeds without variables when the response is not JSON', async () => {
    const ctx = context(async () => ({ status: 204, headers: {}, body: '' }));
    expect(
      await webhookNode.execute!(ctx, parse({ url: 'https://a.example/x', saveResponse: { a: 'a' } })),
    ).toEqual({
      port: 'ok',
      outcome: 'ok',
      variables: { a: null },
    });
    const html = context(async () => ({ status: 200, headers: {}, body: '<html>' }));
    expect(portOf(await webhookNode.execute!(html, parse({ url: 'https://a.example/x' })))).toBe('ok');
  });

  it('treats a redirect as a failure (it is not followed)', async () => {
    const ctx = context(async () => ({
      status: 302,
      headers: { location: 'http://169.254.169.254/' },
      body: '',
    }));
    expect((await webhookNode.execute!(ctx, parse({ url: 'https://a.example/x' }))).outcome).toBe(
      'failed:http_302',
    );
  });

  it('fails (without calling) when a template cannot render for this customer', async () => {
    const ctx = context(async () => json(200, {}));
    // Parses, but renders past the engine's limits.
    const broken = parse({ url: 'https://a.example/{% for i in (1..100000000) %}x{% endfor %}' });
    expect((await webhookNode.execute!(ctx, broken)).outcome).toMatch(/^failed:template: /);
    expect(ctx.requests).toEqual([]);
  });

  describe('config', () => {
    it('validates every template with its path, and requires a written-out host', () => {
      const issues = webhookNode.validate!(
        parse({
          url: 'https://{{ profile.tenant }}.example.com/x',
          headers: { 'X-Name': '{{ profile.name ' },
          body: { nested: [{ text: '{% if %}' }] },
        }),
      );
      expect(issues.map((issue) => issue.path)).toEqual([
        ['headers', 'X-Name'],
        ['body', 'nested', 0, 'text'],
        ['url'],
      ]);
      expect(webhookNode.validate!(parse({ url: 'https://crm.example.com:8443/{{ profile.id }}' }))).toEqual(
        [],
      );
      expect(webhookNode.validate!(parse({ url: 'ftp://crm.example.com/' }))).toHaveLength(1);
      expect(webhookNode.validate!(parse({ url: 'https://user@{{ event.x }}/' }))).toHaveLength(1);
    });

    it.each([
      ['a body on GET', { url: 'https://a.example', method: 'GET', body: { a: 1 } }, ['body']],
      ['a reserved header', { url: 'https://a.example', headers: { Host: 'evil' } }, ['headers', 'Host']],
      [
        'the idempotency header',
        { url: 'https://a.example', headers: { 'idempotency-key': 'x' } },
        ['headers', 'idempotency-key'],
      ],
      [
        'a header name with a colon',
        { url: 'https://a.example', headers: { 'X:Y': 'v' } },
        ['headers', 'X:Y'],
      ],
      ['a timeout over 30 s', { url: 'https://a.example', timeoutSeconds: 31 }, ['timeoutSeconds']],
      ['11 attempts', { url: 'https://a.example', maxAttempts: 11 }, ['maxAttempts']],
      [
        'a variable named constructor',
        { url: 'https://a.example', saveResponse: { constructor: 'a' } },
        ['saveResponse', 'constructor'],
      ],
      [
        'a variable name with a dot',
        { url: 'https://a.example', saveResponse: { 'a.b': 'a' } },
        ['saveResponse', 'a.b'],
      ],
      ['a huge body', { url: 'https://a.example', body: { a: 'x'.repeat(100_001) } }, ['body']],
      ['an unknown method', { url: 'https://a.example', method: 'TRACE' }, ['method']],
    ])('refuses %s', (_label, input, path) => {
      const result = webhookNode.configSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
    });
  });

  it('never lets a __proto__ variable name through (dropped by the schema)', () => {
    const raw = JSON.parse('{"url":"https://a.example","saveResponse":{"__proto__":"a"}}');
    const parsed = webhookNode.configSchema.parse(raw);
    expect(Object.getPrototypeOf(parsed.saveResponse)).toBe(Object.prototype);
    expect(Object.keys(parsed.saveResponse)).toEqual([]);
  });
});
