import {
  type HttpRequest,
  HttpRequestError,
  type HttpResponse,
  isPermanentNodeError,
  nodeCatalog,
  registryWithPackages,
  runNodeStep,
} from '@parcours/domain';
import * as loyaltyPackage from './index';
import { addLoyaltyPointsNode } from './add-loyalty-points';

const respond =
  (status: number, body = '') =>
  async (): Promise<HttpResponse> => ({ status, headers: {}, body });
const config = { apiUrl: 'https://loyalty.test/api/', points: 50 };
const secrets = { LOYALTY_API_KEY: 'key-1' };

describe('acme.loyalty.add-points', () => {
  it('credits the points once, with the idempotency key, and saves the new balance on 2xx', async () => {
    const run = await runNodeStep(addLoyaltyPointsNode, {
      config,
      secrets,
      profile: { userId: 'user/42' },
      http: respond(201, '{"balance":1250}'),
    });
    expect(run).toMatchObject({ port: 'added', outcome: 'added', attempts: 1 });
    const [request] = run.context.requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://loyalty.test/api/customers/user%2F42/points',
      headers: { Authorization: 'Bearer key-1', 'Idempotency-Key': run.context.idempotencyKey },
    });
    expect(JSON.parse(request.body!)).toEqual({ points: 50, reason: 'journey' });
    expect(run.context.profileChanges).toEqual([{ set: { loyaltyPoints: 1250 } }]);
  });

  it('follows `failed` at once on a 4xx, calling once', async () => {
    const run = await runNodeStep(addLoyaltyPointsNode, {
      config,
      secrets,
      http: respond(422, '{"error":"unknown customer"}'),
    });
    expect(run.port).toBe('failed');
    expect(run.outcome).toMatch(/^failed:The loyalty API refused: 422/);
    expect(run.attempts).toBe(1);
    expect(isPermanentNodeError(run.errors[0])).toBe(true);
    expect(run.context.profileChanges).toEqual([]);
  });

  it('retries a 5xx and a timeout with the same key, and records nothing until it succeeds', async () => {
    const answers: (() => Promise<HttpResponse>)[] = [
      respond(503),
      async () => {
        throw new HttpRequestError('timeout', 'no answer within 10000 ms');
      },
      respond(200, '{"balance":7}'),
    ];
    const run = await runNodeStep(addLoyaltyPointsNode, {
      config,
      secrets,
      http: (_request: HttpRequest) => answers.shift()!(),
    });
    expect(run).toMatchObject({ port: 'added', attempts: 3 });
    expect(run.errors.map(isPermanentNodeError)).toEqual([false, false]);
    const keys = run.context.requests.map((request) => request.headers?.['Idempotency-Key']);
    expect(new Set(keys).size).toBe(1);
    expect(run.context.logs).toContainEqual(expect.objectContaining({ level: 'warn' }));
  });

  it('gives up on `failed` once its attempts are used up', async () => {
    const run = await runNodeStep(addLoyaltyPointsNode, { config, secrets, http: respond(503) });
    expect(run).toMatchObject({
      port: 'failed',
      outcome: 'failed:The loyalty API answered 503',
      attempts: 5,
    });
  });

  it('does not retry a destination the worker refuses', async () => {
    const refused = await runNodeStep(addLoyaltyPointsNode, {
      config,
      secrets,
      http: async () => {
        throw new HttpRequestError('refused_destination', '10.0.0.1 is a private address');
      },
    });
    expect(refused).toMatchObject({ port: 'failed', attempts: 1 });
    expect(refused.outcome).toMatch(/^failed:The loyalty API was not called: 10.0.0.1 is a private address/);
  });

  it('follows `failed` for an erased customer without calling', async () => {
    const run = await runNodeStep(addLoyaltyPointsNode, { profile: null, secrets });
    expect(run).toMatchObject({ port: 'failed', outcome: 'failed:no_profile' });
    expect(run.context.requests).toEqual([]);
  });

  it('is a valid node package: registered next to the built-ins, with its form in the catalog', () => {
    const registry = registryWithPackages([{ name: 'nodes-loyalty', exports: loyaltyPackage }]);
    const entry = nodeCatalog(registry).find((node) => node.type === 'acme.loyalty.add-points');
    expect(entry).toMatchObject({ icon: 'star', ports: ['added', 'failed'], versions: [1] });
    expect(entry?.configJsonSchema).toMatchObject({
      properties: { apiUrl: { type: 'string' }, points: { type: 'integer', minimum: 1 } },
    });
    expect(addLoyaltyPointsNode.configSchema.safeParse({ ...config, points: 0 }).success).toBe(false);
  });
});
