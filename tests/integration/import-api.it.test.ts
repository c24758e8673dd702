import { request } from 'node:http';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { bearer } from '../support/apps';
import { waitFor } from '../support/ports';

interface Job {
  id: string;
  status: 'running' | 'completed' | 'failed';
  rowsDone: number;
  rowsFailed: number;
  rowsSkipped: number;
  trigger: boolean;
  format: string;
  sourceName: string;
}

/** POST /imports streams the file to the importer in the API process; GET follows the job. */
describe('imports API', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  async function upload(query: string, body: string, contentType: string, key = h.workspace.adminKey) {
    const response = await fetch(`${h.api.url}/imports?${query}`, {
      method: 'POST',
      headers: { authorization: bearer(key), 'content-type': contentType },
      body,
    });
    return { status: response.status, body: (await response.json()) as Job & { message?: unknown } };
  }

  const finished = (id: string) =>
    waitFor(`import ${id} to finish`, async () => {
      const { body } = await h.admin<Job>('GET', `/imports/${id}`);
      return body.status === 'running' ? undefined : body;
    });

  const profilesCsv = [
    'user_id,email,Plan,consent_email',
    ...Array.from({ length: 2500 }, (_, i) => `api-${i + 1},api-${i + 1}@example.test,pro,granted`),
    'api-bad,not-an-email,pro,granted',
    ',,free,',
    'api-x,x@example.test,free,perhaps',
  ].join('\n');

  it('imports an uploaded CSV in the background, with progress and paged row errors', async () => {
    const started = await upload('kind=profiles&name=crm.csv&map=Plan=traits.plan', profilesCsv, 'text/csv');
    expect(started).toMatchObject({
      status: 202,
      body: { id: expect.any(String), format: 'csv', sourceName: 'crm.csv', trigger: true },
    });
    const job = await finished(started.body.id);
    expect(job).toMatchObject({ status: 'completed', rowsDone: 2503, rowsFailed: 3, rowsSkipped: 0 });
    const { rows } = await h.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE traits->>'plan' = 'pro')::int AS pro FROM profiles`,
    );
    expect(rows[0]).toEqual({ n: 2500, pro: 2500 });

    const first = await h.admin<{ errors: { row: number; errors: { path: string }[] }[]; next: number }>(
      'GET',
      `/imports/${job.id}/errors?limit=2`,
    );
    expect(first.body.errors.map((e) => [e.row, e.errors[0].path])).toEqual([
      [2501, 'email'],
      [2502, ''],
    ]);
    expect(first.body.next).toBe(2502);
    const second = await h.admin<{ errors: { row: number }[]; next: number | null }>(
      'GET',
      `/imports/${job.id}/errors?after=2502&limit=2`,
    );
    expect(second.body).toEqual({ errors: [expect.objectContaining({ row: 2503 })], next: null });

    // The same upload again is the same job, replayed without changing anything.
    const before = await h.counts();
    const again = await upload('kind=profiles&name=crm.csv&map=Plan=traits.plan', profilesCsv, 'text/csv');
    expect(again.body.id).toBe(job.id);
    expect(await finished(job.id)).toMatchObject({ status: 'completed', rowsDone: 2503, rowsFailed: 3 });
    expect(await h.counts()).toEqual(before);
  });

  it('imports NDJSON events without triggering journeys when asked', async () => {
    const ndjson = [
      JSON.stringify({ userId: 'api-1', event: 'order.completed', properties: { total: 12 } }),
      JSON.stringify({ userId: 'api-2', event: 'order.completed', timestamp: '2025-01-01T00:00:00Z' }),
    ].join('\n');
    const started = await upload('kind=events&trigger=false', ndjson, 'application/x-ndjson');
    expect(started.status).toBe(202);
    expect(await finished(started.body.id)).toMatchObject({
      status: 'completed',
      rowsDone: 2,
      trigger: false,
    });
    const { rows } = await h.db.query(
      `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM event_outbox) AS outbox`,
    );
    expect(rows[0]).toEqual({ events: 2, outbox: 0 });
  });

  it('refuses what it cannot import with a clear 4xx, storing nothing', async () => {
    const before = await h.counts();
    const jobs = async () => (await h.db.query(`SELECT count(*)::int AS n FROM import_jobs`)).rows[0].n;
    const jobsBefore = await jobs();
    const cases: [Promise<{ status: number; body: unknown }>, number, RegExp][] = [
      [upload('kind=profiles', '{"a":1}', 'application/json'), 415, /text\/csv or application\/x-ndjson/],
      [upload('kind=profiles', 'user_id\nx', 'text/plain'), 415, /Content-Type/],
      [upload('kind=profiles&format=ndjson', 'user_id\nx', 'text/csv'), 400, /does not match/],
      [upload('kind=people', 'user_id\nx', 'text/csv'), 400, /Validation failed/],
      [upload('kind=profiles&map=a=nowhere', 'user_id\nx', 'text/csv'), 400, /Unknown target ..nowhere/],
      [upload('kind=profiles&map=broken', 'user_id\nx', 'text/csv'), 400, /not column=target/],
      [upload('kind=profiles', 'user_id\nx', 'text/csv', 'prk_admin_wrong'), 401, /admin API key/],
      [upload('kind=profiles', 'user_id\nx', 'text/csv', h.workspace.writeKey), 401, /admin API key/],
      [h.admin('GET', '/imports/8d7c1e7e-2f6b-4f7e-9f49-0b8c7b2d7d10'), 404, /not found/],
      [h.admin('GET', '/imports/not-a-uuid'), 400, /Validation failed/],
      [h.admin('GET', '/imports/8d7c1e7e-2f6b-4f7e-9f49-0b8c7b2d7d10/errors?limit=0'), 400, /Validation/],
    ];
    for (const [call, status, message] of cases) {
      const response = await call;
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).toMatch(message);
    }
    // A declared size above the limit is refused before any byte is read.
    const tooLarge = await new Promise<number>((resolve, reject) => {
      const req = request(`${h.api.url}/imports?kind=profiles`, {
        method: 'POST',
        headers: {
          authorization: bearer(h.workspace.adminKey),
          'content-type': 'text/csv',
          'content-length': String(2 * 1024 ** 3),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('user_id\n');
    });
    expect(tooLarge).toBe(413);
    expect(await h.counts()).toEqual(before);
    expect(await jobs()).toBe(jobsBefore);
  });
});
