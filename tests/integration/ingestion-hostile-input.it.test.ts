import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { apiClient, basic, bearer } from '../support/apps';
import { ingestionCounts } from './ingestion-queries';

interface FieldError {
  path: string;
  code: string;
  message: string;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  errors: FieldError[];
}
interface BatchBody {
  success: boolean;
  accepted: number;
  errors: { index: number; errors: FieldError[] }[];
}

/** A minimal valid call per single-call endpoint. */
const VALID: Record<string, Record<string, unknown>> = {
  identify: { userId: 'u', traits: { plan: 'pro' } },
  track: { userId: 'u', event: 'x' },
  page: { anonymousId: 'a', name: 'Home' },
  screen: { anonymousId: 'a', name: 'Home' },
  group: { userId: 'u', groupId: 'g' },
  alias: { userId: 'u', previousId: 'p' },
};
const ENDPOINTS = Object.keys(VALID);

const without = (call: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(call).filter(([k]) => !keys.includes(k)));

describe('ingestion under hostile input: clear 4xx, nothing stored, never a 500', () => {
  let h: ApiHarness;
  let counts: () => Promise<Record<string, number>>;
  beforeAll(async () => {
    h = await startApiHarness();
    counts = async () => ({ ...(await h.counts()), ...(await ingestionCounts(h.db)) });
  });
  afterAll(() => h?.close());

  it('refuses malformed JSON, missing ids and wrong types on every endpoint with field-level 400s', async () => {
    const before = await counts();
    for (const endpoint of ENDPOINTS) {
      const path = `/v1/${endpoint}`;
      for (const raw of ['{"userId":', 'not json', '{"userId":"u",}', 'null', '"a string"', '[1, 2]']) {
        const res = await h.ingest<ErrorBody>('POST', path, undefined, raw);
        expect({ path, raw, status: res.status, statusCode: res.body.statusCode }).toEqual({
          path,
          raw,
          status: 400,
          statusCode: 400,
        });
      }

      const cases: [Record<string, unknown>, string][] = [
        [without(VALID[endpoint], 'userId', 'anonymousId'), 'userId'],
        [{ ...VALID[endpoint], userId: 42 }, 'userId'],
        [{ ...VALID[endpoint], userId: '   ' }, 'userId'],
        [{ ...VALID[endpoint], anonymousId: { id: 1 } }, 'anonymousId'],
        [{ ...VALID[endpoint], context: 'web' }, 'context'],
        [{ ...VALID[endpoint], timestamp: 'yesterday' }, 'timestamp'],
        [{ ...VALID[endpoint], timestamp: '0000-06-01T00:00:00Z' }, 'timestamp'],
        [{ ...VALID[endpoint], sentAt: 1_700_000_000 }, 'sentAt'],
        [{ ...VALID[endpoint], messageId: 7 }, 'messageId'],
        [{ ...VALID[endpoint], type: endpoint === 'track' ? 'page' : 'track' }, 'type'],
      ];
      const specific: Record<string, [Record<string, unknown>, string][]> = {
        identify: [[{ ...VALID.identify, traits: 'vip' }, 'traits']],
        track: [
          [without(VALID.track, 'event'), 'event'],
          [{ ...VALID.track, event: 12 }, 'event'],
          [{ ...VALID.track, properties: ['a'] }, 'properties'],
        ],
        page: [[{ ...VALID.page, name: 5 }, 'name']],
        screen: [[{ ...VALID.screen, category: [] }, 'category']],
        group: [
          [without(VALID.group, 'groupId'), 'groupId'],
          [{ ...VALID.group, traits: 3 }, 'traits'],
        ],
        alias: [
          [without(VALID.alias, 'previousId'), 'previousId'],
          [{ ...VALID.alias, previousId: ['p'] }, 'previousId'],
        ],
      };
      for (const [body, field] of [...cases, ...specific[endpoint]]) {
        const res = await h.ingest<ErrorBody>('POST', path, body);
        expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
        expect({ path, body, paths: res.body.errors.map((e) => e.path) }).toEqual({
          path,
          body,
          paths: expect.arrayContaining([field]),
        });
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses bad email, phone and other well-known traits with their path, in identify and in context', async () => {
    const before = await counts();
    const cases: [string, unknown, string[]][] = [
      ['identify', { userId: 'u', traits: { email: 'not-an-email' } }, ['traits.email']],
      ['identify', { userId: 'u', traits: { phone: '12' } }, ['traits.phone']],
      [
        'identify',
        { userId: 'u', traits: { email: 'a@', phone: '+33 6', timezone: 'Mars/Olympus', country: 'France' } },
        ['traits.email', 'traits.phone', 'traits.timezone', 'traits.country'],
      ],
      ['identify', { userId: 'u', context: { traits: { email: 'nope' } } }, ['context.traits.email']],
      [
        'track',
        { userId: 'u', event: 'x', context: { traits: { phone: 'call me' } } },
        ['context.traits.phone'],
      ],
    ];
    for (const [endpoint, body, paths] of cases) {
      const res = await h.ingest<ErrorBody>('POST', `/v1/${endpoint}`, body);
      expect({ body, status: res.status, paths: res.body.errors.map((e) => e.path).sort() }).toEqual({
        body,
        status: 400,
        paths: [...paths].sort(),
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps timestamps storable: years 0001 to 9999, and no skew correction that would leave them', async () => {
    const before = await counts();
    for (const timestamp of ['0001-01-01T00:00:00+14:00', '10000-01-01T00:00:00Z', '0000-12-31T23:00:00Z']) {
      const res = await h.ingest<ErrorBody>('POST', '/v1/track', { userId: 'edge', event: 'x', timestamp });
      expect({ timestamp, status: res.status, paths: res.body.errors?.map((e) => e.path) }).toEqual({
        timestamp,
        status: 400,
        paths: ['timestamp'],
      });
    }
    expect(await counts()).toEqual(before);
    const res = await h.ingest('POST', '/v1/track', {
      userId: 'edge',
      event: 'far.future',
      timestamp: '9999-12-31T00:00:00Z',
      sentAt: '0001-01-01T00:00:00Z', // a "skew" of 8 000 years: not corrected
    });
    expect(res.status).toBe(200);
    const { rows } = await h.db.query(`SELECT occurred_at FROM events WHERE name = 'far.future'`);
    expect(rows).toEqual([{ occurred_at: new Date('9999-12-31T00:00:00Z') }]);
  });

  it('refuses oversized bodies with a JSON 413 above the documented limits', async () => {
    const before = await counts();
    const pad = (bytes: number) => 'x'.repeat(bytes);
    for (const endpoint of ENDPOINTS) {
      // 32 KiB per call: just under passes the size check, just over is refused.
      const over = JSON.stringify({ ...VALID[endpoint], context: { pad: pad(32 * 1024) } });
      const res = await h.ingest<ErrorBody>('POST', `/v1/${endpoint}`, undefined, over);
      expect({ endpoint, status: res.status, body: res.body }).toEqual({
        endpoint,
        status: 413,
        body: { statusCode: 413, error: 'Payload Too Large', message: expect.stringContaining('32 KiB') },
      });
    }
    for (const path of ['/v1/batch', '/v1/import']) {
      const calls = Array.from({ length: 20 }, (_, i) => ({
        type: 'track',
        userId: 'u',
        event: 'x',
        properties: { pad: pad(26_000), i },
      }));
      const res = await h.ingest<ErrorBody>('POST', path, { batch: calls });
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 413,
        message: expect.stringContaining('500 KiB'),
      });
    }
    const tooMany = await h.ingest<ErrorBody>('POST', '/v1/batch', {
      batch: Array.from({ length: 2_501 }, () => ({ type: 'track', userId: 'u', event: 'x' })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e) => e.path)).toEqual(['batch']);
    expect(await counts()).toEqual(before);

    // Within a batch, a call over 32 KiB is refused alone.
    const res = await h.ingest<BatchBody>('POST', '/v1/batch', {
      batch: [
        { type: 'track', userId: 'big', event: 'x', properties: { pad: pad(33_000) } },
        { type: 'track', userId: 'small', event: 'x' },
      ],
    });
    expect(res).toEqual({
      status: 200,
      body: {
        success: true,
        accepted: 1,
        errors: [{ index: 0, errors: [expect.objectContaining({ code: 'too_big' })] }],
      },
    });
    expect((await counts()).events).toBe(before.events + 1);
  });

  it('refuses values Postgres or a recursive walk would choke on, per call in a batch', async () => {
    // Raw JSON text: these are what a client can put on the wire, whatever its language allows.
    const hostile = [
      `"properties":{"deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      '"properties":{"text":"half an emoji \\ud83d"}',
      '"properties":{"key \\udc00":1}',
      '"properties":{"text":"nul \\u0000 byte"}',
      '"context":{"nested":{"__proto__":{"admin":true}}}',
      '"event":"lone \\udfff"',
    ];
    const before = await counts();
    for (const fragment of hostile) {
      const res = await h.ingest<ErrorBody>(
        'POST',
        '/v1/track',
        undefined,
        `{"userId":"u","event":"x",${fragment}}`,
      );
      expect({ fragment: fragment.slice(0, 60), status: res.status }).toEqual({
        fragment: fragment.slice(0, 60),
        status: 400,
      });
    }
    expect(await counts()).toEqual(before);

    const items = hostile.map((fragment) => `{"type":"track","userId":"u","event":"x",${fragment}}`);
    const raw = `{"batch":[${items.join(',')},{"type":"track","userId":"fine","event":"ok"}]}`;
    const res = await h.ingest<BatchBody>('POST', '/v1/batch', undefined, raw);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.errors.map((e) => [e.index, e.errors[0].code])).toEqual([
      [0, 'too_deep'],
      [1, 'invalid_string'],
      [2, 'invalid_key'],
      [3, 'invalid_string'],
      [4, 'invalid_key'],
      [5, 'invalid_string'],
    ]);
    expect((await counts()).events).toBe(before.events + 1);
  });

  it('stores the valid calls of a mixed batch and reports the others by index; none valid is a 400', async () => {
    const before = await counts();
    const res = await h.ingest<BatchBody>('POST', '/v1/batch', {
      sentAt: new Date().toISOString(),
      batch: [
        { type: 'identify', userId: 'mia', traits: { email: 'mia@example.test' } },
        { type: 'identify', userId: 'mia', traits: { email: 'mia@' } },
        { type: 'track', event: 'no.ids' },
        { type: 'teleport', userId: 'mia' },
        'not a call',
        { type: 'page', userId: 'mia', name: 'Home' },
        null,
        { type: 'alias', previousId: 'x' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.accepted).toBe(2);
    expect(res.body.errors.map((e) => [e.index, e.errors.map((f) => f.path)])).toEqual([
      [1, ['traits.email']],
      [2, ['userId']],
      [3, ['type']],
      [4, ['']],
      [6, ['']],
      [7, ['userId']],
    ]);
    const after = await counts();
    expect(after.events - before.events).toBe(2);
    expect(after.live_profiles - before.live_profiles).toBe(1);

    const none = await h.ingest<BatchBody & ErrorBody>('POST', '/v1/batch', {
      batch: [{ type: 'track', event: 'x' }, { type: 'identify' }],
    });
    expect(none).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        success: false,
        accepted: 0,
        errors: [
          { index: 0, errors: [expect.objectContaining({ path: 'userId' })] },
          { index: 1, errors: [expect.objectContaining({ path: 'userId' })] },
        ],
      },
    });
    for (const envelope of [
      {},
      { batch: 'x' },
      { batch: [] },
      { batch: {} },
      { batch: [1], sentAt: 'now' },
    ]) {
      const res = await h.ingest<ErrorBody>('POST', '/v1/batch', envelope);
      expect({ envelope, status: res.status }).toEqual({ envelope, status: 400 });
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual(after);
  });

  it('refuses unknown, revoked-looking or admin keys with 401 on every endpoint, in the header or the body', async () => {
    const before = await counts();
    const batch = { batch: [{ type: 'track', userId: 'u', event: 'x' }] };
    const bodies: [string, unknown][] = [
      ...ENDPOINTS.map((e): [string, unknown] => [e, VALID[e]]),
      ['t', VALID.track],
      ...['batch', 'import', 'b'].map((e): [string, unknown] => [e, batch]),
    ];
    for (const [endpoint, body] of bodies) {
      const path = `/v1/${endpoint}`;
      for (const authorization of [basic('prk_write_unknown'), bearer(h.workspace.adminKey), basic(''), '']) {
        const res = await apiClient(h.api.url, authorization)<ErrorBody>('POST', path, body);
        expect({ path, authorization, status: res.status }).toEqual({ path, authorization, status: 401 });
        expect(res.body.message).toMatch(/key/i);
      }
      const inBody = await apiClient(h.api.url, '')('POST', path, {
        ...(body as object),
        writeKey: 'prk_write_unknown',
      });
      expect({ path, status: inBody.status }).toEqual({ path, status: 401 });
    }
    expect(await counts()).toEqual(before);
  });

  it('never answers 500, whatever goes into whichever field', async () => {
    const weird: unknown[] = [
      null,
      true,
      0,
      -1.5,
      1e308,
      '',
      ' ',
      'x'.repeat(250),
      'ünïcødé 🐈‍⬛ עברית',
      '__proto__',
      'constructor',
      [],
      [[[]]],
      {},
      { a: { b: [1, { c: null }] } },
      '2026-13-45T99:99:99Z',
      '9999-12-31T23:59:59Z',
      '0001-01-01T00:00:00Z',
      '0001-01-01T00:00:00+14:00',
      '1970-01-01T00:00:00+14:00',
      '+33612345678',
      'someone@example.test',
    ];
    const fields = [
      'type',
      'userId',
      'anonymousId',
      'event',
      'name',
      'category',
      'properties',
      'traits',
      'context',
      'timestamp',
      'originalTimestamp',
      'sentAt',
      'messageId',
      'groupId',
      'previousId',
    ];
    // A fixed-seed generator: the same requests on every run.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
    const call = (type?: string) => {
      const body: Record<string, unknown> = { ...(type ? { type } : {}), ...VALID[pick(ENDPOINTS)] };
      for (let i = 0; i < 1 + Math.floor(random() * 3); i++) body[pick(fields)] = pick(weird);
      if (random() < 0.3)
        body.context = { traits: { [pick(['email', 'phone', 'birthday', 'address'])]: pick(weird) } };
      return body;
    };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 240; i++) {
      const endpoint = pick([...ENDPOINTS, 'batch']);
      const body =
        endpoint === 'batch'
          ? {
              batch: Array.from({ length: 1 + Math.floor(random() * 5) }, () => call(pick(ENDPOINTS))),
              sentAt: pick(weird),
            }
          : call();
      const res = await h.ingest('POST', `/v1/${endpoint}`, body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect({
        endpoint,
        body,
        status: res.status,
        clientError: [200, 400].includes(res.status),
      }).toMatchObject({
        clientError: true,
      });
    }
    // Both kinds occurred: the generator exercised acceptance as well as refusal.
    expect([...statuses.keys()].sort()).toEqual([200, 400]);
  });
});
