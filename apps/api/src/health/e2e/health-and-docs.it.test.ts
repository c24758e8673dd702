import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, bearer } from '../../../../../tests/support/apps';

describe('health, OpenAPI and authentication', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('reports Postgres and Temporal up', async () => {
    const res = await fetch(`${h.api.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', postgres: 'up', temporal: 'up' });
  });

  it('serves an OpenAPI document generated from the request schemas', async () => {
    const doc = (await (await fetch(`${h.api.url}/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/scenarios',
        '/scenarios/{id}/publish',
        '/v1/track',
        '/profiles/{userId}',
        '/health',
      ]),
    );
    const trackRef = doc.paths['/v1/track'].post.requestBody?.content['application/json'].schema.$ref ?? '';
    const track = doc.components.schemas[trackRef.split('/').pop() ?? ''];
    expect(Object.keys(track.properties ?? {})).toEqual(
      expect.arrayContaining(['userId', 'event', 'properties', 'timestamp', 'messageId']),
    );
    // userId or anonymousId identifies the caller, as in the Segment spec: only `event` is always required.
    expect(track.required).toEqual(expect.arrayContaining(['event']));
    expect((await fetch(`${h.api.url}/docs`)).status).toBe(200);
  });

  it('answers 401 to admin routes without a valid admin key', async () => {
    for (const authorization of ['', bearer('prk_admin_unknown'), bearer(h.workspace.writeKey)]) {
      const res = await apiClient(h.api.url, authorization)<{ message: string }>('GET', '/scenarios');
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/admin API key/);
    }
  });
});
