import { randomUUID } from 'node:crypto';
import { parseIsoDate, type TriggerDateConfig, triggerDateConfigSchema } from '@parcours/domain';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { createTestDatabase } from '../../../../../tests/support/apps';
import { dateTriggerCandidatesQuery } from './date-trigger-candidates.query';

// Who a date trigger enters now, by the SQL the sweep runs against the rule restated with luxon:
// the customer's local day from their timezone and the trigger's local time, their date (a
// calendar date, or an instant on their local day), the offset, anniversaries and 29 February.
// Dates are drawn near the day, as calendar dates and as instants with offsets up to ±23:59, so
// the sweep's quick text test in front of the exact one is tried where it could be wrong.

const RUNS = Number(process.env.DATE_TRIGGER_EQUIVALENCE_RUNS ?? 200);
const ZONES = [
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Etc/GMT+12',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Europe/Paris',
  'Not/AZone',
  undefined,
];
const FALLBACK = 'Europe/Paris';

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** A date written near `day` (a Luxon date): calendar date or instant, any year, or not a date. */
const writtenDate = (day: DateTime) =>
  fc.oneof(
    fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.constantFrom(day.year, day.year, 1984, 2000, 2001))
      .map(([shift, year]) => day.plus({ days: shift }).set({ year }).toISODate()),
    fc
      .record({
        shift: fc.integer({ min: -3, max: 3 }),
        year: fc.constantFrom(day.year, day.year, 1984, 2000, 2001),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        offset: fc.oneof(fc.constant('Z'), fc.integer({ min: -1439, max: 1439 })),
      })
      .map(({ shift, year, hour, minute, offset }) => {
        const zone =
          offset === 'Z'
            ? 'Z'
            : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
        return `${day.plus({ days: shift }).set({ year }).toISODate()}T${pad(hour)}:${pad(minute)}:00${zone}`;
      }),
    // Leap days, kept on the 28th in other years; one written at night falls on the 1st elsewhere.
    fc.constantFrom('1984-02-29', '2000-02-29T23:30:00-05:00', '1992-02-29T01:00:00+09:00'),
    fc.constantFrom<unknown>('2025-02-29', '1990-13-01', 'soon', '', 19900517, null, ['1990-05-17']),
  );

const scenario = fc
  .record({
    now: fc.oneof(
      fc.date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2029-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      // Around the end of February, in common and leap years.
      fc
        .tuple(fc.constantFrom(2027, 2028), fc.integer({ min: -4 * 24, max: 4 * 24 }))
        .map(([year, hours]) => new Date(Date.UTC(year, 2, 1) + hours * 3_600_000)),
    ),
    every: fc.constantFrom('year', 'once'),
    offset: fc.record({
      days: fc.constantFrom(0, 1, 3, 30, 366),
      direction: fc.constantFrom('before', 'after'),
    }),
    at: fc.constantFrom('00:00', '09:00', '23:59'),
  })
  .chain((drawn) => {
    const shift = (drawn.offset.direction === 'after' ? -1 : 1) * drawn.offset.days;
    const near = DateTime.fromJSDate(drawn.now, { zone: 'utc' }).plus({ days: shift });
    return fc.record({
      drawn: fc.constant(drawn),
      profiles: fc.array(fc.record({ timezone: fc.constantFrom(...ZONES), birthday: writtenDate(near) }), {
        minLength: 1,
        maxLength: 15,
      }),
    });
  });

/** The customer's day of `value` (a written date), or undefined. */
function dayOf(value: unknown, zone: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = parseIsoDate(value);
  if (at === undefined) return undefined;
  const calendarDate = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value);
  return DateTime.fromMillis(at, { zone: calendarDate ? 'utc' : zone }).toISODate()!;
}

/** The rule, restated: `profileId:occurrence` of those who enter now. */
function expectedEntrants(
  config: TriggerDateConfig,
  now: Date,
  profiles: { id: string; timezone?: string; birthday: unknown }[],
): string[] {
  const [hours, minutes] = config.at.split(':').map(Number);
  const shift = (config.offset.direction === 'after' ? -1 : 1) * config.offset.days;
  return profiles
    .flatMap(({ id, timezone, birthday }) => {
      const zone = timezone && DateTime.local().setZone(timezone).isValid ? timezone : FALLBACK;
      // The local wall clock, moved back by the trigger's local time, as Postgres subtracts it.
      const wall = DateTime.fromJSDate(now, { zone });
      const day = DateTime.fromObject(
        { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute },
        { zone: 'utc' },
      ).minus({ hours, minutes });
      const dateDay = day.plus({ days: shift });
      const own = dayOf(birthday, zone);
      if (own === undefined) return [];
      const enters =
        config.date.kind === 'trait' && config.date.every === 'once'
          ? own === dateDay.toISODate()
          : own.slice(5) === dateDay.toFormat('MM-dd') ||
            (own.slice(5) === '02-29' && dateDay.toFormat('MM-dd') === '02-28' && !dateDay.isInLeapYear);
      return enters ? [`${id}:${day.toISODate()}`] : [];
    })
    .sort();
}

describe('date triggers: the sweep query and the rule agree', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: await createTestDatabase() });
    await db.connect();
  });
  afterAll(() => db?.end());

  it(`on ${RUNS} random days, timezones, offsets and written dates`, async () => {
    let entered = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ drawn, profiles }) => {
        const config = triggerDateConfigSchema.parse({
          date: { kind: 'trait', trait: 'birthday', every: drawn.every },
          offset: drawn.offset,
          at: drawn.at,
          fallbackTimezone: FALLBACK,
        });
        const workspaceId = randomUUID();
        const rows = profiles.map((p) => ({ ...p, id: randomUUID() }));
        await db.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'date triggers')`, [workspaceId]);
        await db.query(
          `INSERT INTO profiles (id, workspace_id, traits)
           SELECT r.id, $1, r.traits FROM jsonb_to_recordset($2) AS r(id uuid, traits jsonb)`,
          [
            workspaceId,
            JSON.stringify(
              rows.map(({ id, timezone, birthday }) => ({ id, traits: { timezone, birthday } })),
            ),
          ],
        );
        const query = dateTriggerCandidatesQuery({
          workspaceId,
          scenarioId: randomUUID(),
          config,
          now: drawn.now,
          limit: 1_000,
        });
        const found = (await db.query(query.text, query.values)).rows
          .map((row: { profile_id: string; occurrence: string }) => `${row.profile_id}:${row.occurrence}`)
          .sort();
        const expected = expectedEntrants(config, drawn.now, rows);
        const context = { now: drawn.now.toISOString(), config, profiles: rows };
        expect({ ...context, found }).toEqual({ ...context, found: expected });
        entered += expected.length;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // Dates are drawn near the day so that customers do enter: a property that only ever saw
    // nobody enter would prove little.
    expect(entered).toBeGreaterThan(RUNS / 10);
  });
});
