import { HttpRequestError } from '@parcours/domain';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { DestinationPolicy } from './destination-policy';
import { GuardedHttpClient, MAX_RESPONSE_BYTES } from './guarded-http-client';

/** A loopback server: reachable only when the policy allows loopback. */
describe('GuardedHttpClient', () => {
  let server: Server;
  let port: number;
  const received: { request: IncomingMessage; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ request, body });
        if (request.url === '/slow') return void setTimeout(() => response.end('late'), 2_000);
        if (request.url === '/huge') return void response.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1, 'x'));
        if (request.url === '/redirect') {
          response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
          return void response.end();
        }
        response.writeHead(201, { 'content-type': 'application/json', 'x-trace': 'abc' });
        response.end(JSON.stringify({ ok: true, method: request.method }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const allowed = new GuardedHttpClient(DestinationPolicy.fromList('127.0.0.1'));
  const strict = new GuardedHttpClient(new DestinationPolicy());
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(HttpRequestError);
        return error as HttpRequestError;
      },
    );

  it('sends method, headers and body, and returns status, headers and body', async () => {
    const response = await allowed.request({
      method: 'PUT',
      url: `http://127.0.0.1:${port}/tasks?a=1`,
      headers: { 'Idempotency-Key': 'j:n:0', 'Content-Type': 'application/json' },
      body: '{"x":1}',
      timeoutMs: 5_000,
    });
    expect(response).toMatchObject({ status: 201, headers: { 'x-trace': 'abc' } });
    expect(JSON.parse(response.body)).toEqual({ ok: true, method: 'PUT' });
    const last = received.at(-1)!;
    expect(last.request.headers['idempotency-key']).toBe('j:n:0');
    expect(last.body).toBe('{"x":1}');
  });

  it.each([
    ['an IP literal', (p: number) => `http://127.0.0.1:${p}/`],
    ['a host name resolving to loopback', (p: number) => `http://localhost:${p}/`],
    ['a mapped IPv6 literal', (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['a decimal IP', (p: number) => `http://2130706433:${p}/`],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data'],
  ])('refuses %s when loopback is not allowed, before connecting', async (_label, url) => {
    const before = received.length;
    const error = await failure(strict.request({ method: 'GET', url: url(port), timeoutMs: 2_000 }));
    expect(error.reason).toBe('refused_destination');
    expect(error.retryable).toBe(false);
    expect(received.length).toBe(before);
  });

  it('lets an allowed host name through without checking its addresses', async () => {
    const byName = new GuardedHttpClient(DestinationPolicy.fromList('localhost'));
    const response = await byName.request({
      method: 'GET',
      url: `http://localhost:${port}/`,
      timeoutMs: 5_000,
    });
    expect(response.status).toBe(201);
  });

  it('does not follow redirects', async () => {
    const response = await allowed.request({
      method: 'GET',
      url: `http://127.0.0.1:${port}/redirect`,
      timeoutMs: 5_000,
    });
    expect(response.status).toBe(302);
  });

  it('times out, retryably', async () => {
    const error = await failure(
      allowed.request({ method: 'GET', url: `http://127.0.0.1:${port}/slow`, timeoutMs: 200 }),
    );
    expect(error.reason).toBe('timeout');
    expect(error.retryable).toBe(true);
  });

  it('refuses responses over the size limit', async () => {
    const error = await failure(
      allowed.request({ method: 'GET', url: `http://127.0.0.1:${port}/huge`, timeoutMs: 5_000 }),
    );
    expect(error.reason).toBe('response_too_large');
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = new GuardedHttpClient(DestinationPolicy.fromList('127.0.0.1'));
    const error = await failure(
      closed.request({ method: 'GET', url: 'http://127.0.0.1:1/', timeoutMs: 2_000 }),
    );
    expect(error.reason).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it.each([
    [
      'a header value with a line break',
      { 'X-Name': 'a\r\nInjected: yes' },
      `http://127.0.0.1:PORT/`,
      'invalid_request',
    ],
    ['credentials in the URL', {}, 'http://user:pw@127.0.0.1:PORT/', 'invalid_request'],
    ['a file URL', {}, 'file:///etc/passwd', 'refused_destination'],
    ['not a URL', {}, 'crm.example.com/hooks', 'invalid_request'],
  ])('refuses %s', async (_label, headers, url, reason) => {
    const error = await failure(
      allowed.request({
        method: 'POST',
        url: url.replace('PORT', String(port)),
        headers,
        body: '{}',
        timeoutMs: 2_000,
      }),
    );
    expect(error.reason).toBe(reason);
  });
});
