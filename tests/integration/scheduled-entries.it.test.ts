import { DateTime } from 'luxon';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { explainedBy } from '../support/app-process';
import { waitFor } from '../support/ports';

interface History {
  runs: { id: string; dueAt: string; status: string; outcomes: Record<string, number> }[];
  days: { day: string; outcomes: Record<string, number> }[];
}

/** trigger.schedule and trigger.date against the real API, Postgres and Temporal (journeys started, not run). */
describe('scheduled entries: schedules and dates', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness({
      env: { SCHEDULED_ENTRY_POLL_MS: '200', DATE_TRIGGER_SWEEP_MS: '500', SEGMENT_SWEEP_MS: '0' },
    });
  });
  afterAll(() => h?.close());

  /** Waits, explaining with the API's log if it times out. */
  const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
    explainedBy(waitFor(what, probe), h.api.process);

  async function identify(userId: string, traits: Record<string, unknown>) {
    const res = await h.ingest('POST', '/v1/identify', { userId, traits });
    expect([res.status, res.body]).toEqual([200, { success: true }]);
  }

  async function track(userId: string, event: string, properties: Record<string, unknown>, timestamp: Date) {
    const res = await h.ingest('POST', '/v1/track', {
      userId,
      event,
      properties,
      timestamp: timestamp.toISOString(),
    });
    expect(res.status).toBe(200);
  }

  async function segment(name: string, rule: unknown): Promise<string> {
    const created = await h.admin<{ id: string }>('POST', '/segments', { name, rule });
    expect(created.status).toBe(201);
    await waitFor('the segment to be built', async () => {
      const { body } = await h.admin<{ version: number; builtVersion: number | null }>(
        'GET',
        `/segments/${created.body.id}`,
      );
      return body.builtVersion === body.version ? true : undefined;
    });
    return created.body.id;
  }

  const graph = (trigger: { type: string; config: unknown }) => ({
    nodes: [
      { id: 'start', ...trigger },
      { id: 'end', type: 'exit', config: {} },
    ],
    edges: [{ id: 'e', source: 'start', sourcePort: 'out', target: 'end' }],
  });

  async function scenario(name: string, trigger: { type: string; config: unknown }) {
    const created = await h.admin<{ id: string }>('POST', '/scenarios', { name, graph: graph(trigger) });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const publish = (id: string) =>
    h.admin<{ message: string; errors?: { path: (string | number)[]; code: string; message: string }[] }>(
      'POST',
      `/scenarios/${id}/publish`,
    );
  const history = async (id: string) =>
    (await h.admin<History>('GET', `/scenarios/${id}/scheduled-entries`)).body;
  const entrants = async (scenarioId: string) =>
    (
      await h.db.query<{ userId: string; enteredAt: Date }>(
        `SELECT p.external_id AS "userId", j.entered_at AS "enteredAt" FROM journeys j
         JOIN profiles p ON p.id = j.profile_id WHERE j.scenario_id = $1 ORDER BY j.entered_at`,
        [scenarioId],
      )
    ).rows;

  it('enters everyone in the segment once at the one-off date, at the trigger’s rate', async () => {
    for (const userId of ['gold-1', 'gold-2', 'gold-3', 'gold-4', 'gold-5'])
      await identify(userId, { plan: 'gold' });
    await identify('silver-1', { plan: 'silver' });
    const gold = await segment('Gold', { type: 'trait', path: 'plan', operator: 'equals', value: 'gold' });
    const at = new Date(Date.now() + 3_000);
    const id = await scenario('Gold broadcast', {
      type: 'trigger.schedule',
      config: { segmentId: gold, schedule: { kind: 'once', at: at.toISOString() }, ratePerMinute: 120 },
    });
    expect((await publish(id)).status).toBe(201);

    const [run] = await until('the run to finish', async () => {
      const { runs } = await history(id);
      return runs[0]?.status === 'done' ? runs : undefined;
    });
    expect(run).toMatchObject({ dueAt: at.toISOString(), outcomes: { entered: 5 } });
    const rows = await entrants(id);
    expect(rows.map((r) => r.userId).sort()).toEqual(['gold-1', 'gold-2', 'gold-3', 'gold-4', 'gold-5']);
    expect(rows[0].enteredAt.getTime()).toBeGreaterThanOrEqual(at.getTime());
    // 2 a second: two at once, then one every half second.
    expect(rows[4].enteredAt.getTime() - rows[0].enteredAt.getTime()).toBeGreaterThanOrEqual(1_000);

    // Publishing again with the date now past is refused, and nothing runs twice.
    const again = await publish(id);
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([
      expect.objectContaining({
        path: ['nodes', 0, 'config', 'schedule', 'at'],
        message: expect.stringContaining('has passed'),
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await entrants(id)).toHaveLength(5);
    expect((await history(id)).runs).toHaveLength(1);
  });

  it('plans a recurring run at the next cron time in its timezone, and cancels it when stopped', async () => {
    const anyone = await segment('Anyone with a plan', { type: 'trait', path: 'plan', operator: 'exists' });
    const id = await scenario('Daily at 09:00 Tokyo', {
      type: 'trigger.schedule',
      config: {
        segmentId: anyone,
        schedule: { kind: 'recurring', cron: '0 9 * * *', timezone: 'Asia/Tokyo' },
      },
    });
    expect((await publish(id)).status).toBe(201);
    const tokyo = DateTime.now().setZone('Asia/Tokyo');
    const nine = tokyo.set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    const expected = (nine > tokyo ? nine : nine.plus({ days: 1 })).toUTC().toISO();
    const [pending] = await until('the next run to be planned', async () => {
      const { runs } = await history(id);
      return runs.length > 0 ? runs : undefined;
    });
    expect(pending).toMatchObject({ status: 'pending', dueAt: expected });

    expect((await h.admin('POST', `/scenarios/${id}/stop`)).status).toBe(200);
    await until('the run to be cancelled', async () =>
      (await history(id)).runs[0]?.status === 'cancelled' ? true : undefined,
    );
    expect(await entrants(id)).toEqual([]);
  });

  it('refuses a malformed schedule at publish, field by field', async () => {
    const anyone = await segment('Anyone', { type: 'trait', path: 'plan', operator: 'exists' });
    const refused: string[] = [];
    for (const schedule of [
      { kind: 'recurring', cron: "0 9 * * 1'; DROP TABLE scheduled_runs; --" },
      { kind: 'recurring', cron: '* * * * * *' },
      { kind: 'recurring', cron: '0 9 * * *', timezone: 'Europe/Atlantis' },
      { kind: 'weekly' },
    ]) {
      const id = await scenario('Broken schedule', {
        type: 'trigger.schedule',
        config: { segmentId: anyone, schedule },
      });
      const res = await publish(id);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.path.slice(0, 4)).toEqual(['nodes', 0, 'config', 'schedule']);
      refused.push(id);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await h.db.query(
      `SELECT (SELECT count(*)::int FROM scheduled_runs WHERE scenario_id = ANY($1)) AS runs,
              (SELECT count(*)::int FROM scenario_versions WHERE scenario_id = ANY($1)) AS versions`,
      [refused],
    );
    expect(rows[0]).toEqual({ runs: 0, versions: 0 });
  });

  it('refuses at publish a segment the workspace does not have, wherever the scenario names it', async () => {
    const unknown = '6f1c1d3e-2f0a-4c55-9d1e-7a4b7e0c1a11';
    const created = await h.admin<{ id: string }>('POST', '/scenarios', {
      name: 'Typo',
      graph: {
        ...graph({
          type: 'trigger.schedule',
          config: { segmentId: unknown, schedule: { kind: 'recurring', cron: '0 9 * * *' } },
        }),
        settings: {
          entry: { reentry: { policy: 'always' } },
          exitCriteria: [{ kind: 'segment.exited', segmentId: unknown }],
        },
      },
    });
    const res = await publish(created.body.id);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: ['nodes', 0, 'config', 'segmentId'], code: 'invalid_reference' }),
      expect.objectContaining({
        path: ['settings', 'exitCriteria', 0, 'segmentId'],
        code: 'invalid_reference',
      }),
    ]);
    expect((await history(created.body.id)).runs).toEqual([]);
  });

  it('enters customers on their birthday in their own timezone, once', async () => {
    // Kiritimati is UTC+14 and Pago Pago UTC−11: their calendar days never coincide.
    const kiritimati = DateTime.now().setZone('Pacific/Kiritimati');
    const monthDay = (d: DateTime) => d.toFormat('MM-dd');
    await identify('bday-kiritimati', {
      timezone: 'Pacific/Kiritimati',
      birthday: `1990-${monthDay(kiritimati)}`,
    });
    await identify('bday-pago-pago', {
      timezone: 'Pacific/Pago_Pago',
      birthday: `1985-${monthDay(kiritimati)}`,
    });
    await identify('bday-utc', { birthday: `2000-${monthDay(DateTime.utc())}` });
    await identify('bday-tomorrow', {
      timezone: 'Pacific/Kiritimati',
      birthday: `1990-${monthDay(kiritimati.plus({ days: 1 }))}`,
    });
    // The API refuses a malformed birthday; data stored before (or by an import) may still hold one.
    await identify('bday-garbage', { timezone: 'Pacific/Kiritimati' });
    await h.db.query(
      `UPDATE profiles SET traits = traits || '{"birthday": "''; DROP TABLE profiles; --"}' WHERE external_id = 'bday-garbage'`,
    );

    const id = await scenario('Happy birthday', {
      type: 'trigger.date',
      config: { date: { kind: 'trait', trait: 'birthday', every: 'year' }, at: '00:00' },
    });
    expect((await publish(id)).status).toBe(201);
    await until('the birthday customers to enter', async () =>
      (await entrants(id)).length >= 2 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // three more sweeps
    expect((await entrants(id)).map((r) => r.userId).sort()).toEqual(['bday-kiritimati', 'bday-utc']);
    const { days } = await history(id);
    expect(days.reduce((sum, day) => sum + (day.outcomes.entered ?? 0), 0)).toBe(2);
    expect(days.map((d) => d.day)).toContain(kiritimati.toISODate());
  });

  it('enters customers 14 days after their last kibble order, not after a later one or another category', async () => {
    const day = 86_400_000;
    const fourteenDaysAgo = DateTime.utc().startOf('day').minus({ days: 14 }).plus({ hours: 12 }).toJSDate();
    await identify('kibble-due', {});
    await track('kibble-due', 'order.completed', { category: 'kibble' }, fourteenDaysAgo);
    await identify('kibble-reordered', {});
    await track('kibble-reordered', 'order.completed', { category: 'kibble' }, fourteenDaysAgo);
    await track(
      'kibble-reordered',
      'order.completed',
      { category: 'kibble' },
      new Date(Date.now() - 3 * day),
    );
    await identify('treats-only', {});
    await track('treats-only', 'order.completed', { category: 'treats' }, fourteenDaysAgo);

    const id = await scenario('Kibble repurchase', {
      type: 'trigger.date',
      config: {
        date: {
          kind: 'event',
          event: 'order.completed',
          where: [{ path: 'category', operator: 'equals', value: 'kibble' }],
        },
        offset: { days: 14, direction: 'after' },
        at: '00:00',
      },
    });
    expect((await publish(id)).status).toBe(201);
    await until('the kibble customer to enter', async () =>
      (await entrants(id)).length >= 1 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await entrants(id)).map((r) => r.userId)).toEqual(['kibble-due']);
  });
});
