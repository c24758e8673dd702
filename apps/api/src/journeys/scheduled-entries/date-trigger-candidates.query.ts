import {
  compileEventFilters,
  DAY_MS,
  LIVE_PROFILE_SQL,
  SqlParameters,
  type SqlQuery,
  type TriggerDateConfig,
} from '@parcours/domain';

const DAY_FORMAT = `'YYYY-MM-DD'`;

/**
 * Customers a `trigger.date` scenario enters now, not yet tried for that occurrence: `profile_id`,
 * `occurrence` (the day, YYYY-MM-DD), `trigger_event_id` (the last such event, for an event date). A customer's day is today in their timezone counted from the
 * trigger's local time (before 09:00 it is still yesterday's occurrence, so a sweep that was late
 * still catches it); they enter when that day is the offset from their date: a date trait (or its
 * anniversary), or the local day of their last such event.
 */
export function dateTriggerCandidatesQuery(input: {
  workspaceId: string;
  scenarioId: string;
  config: TriggerDateConfig;
  now: Date;
  limit: number;
}): SqlQuery {
  const { config, now } = input;
  const params = new SqlParameters();
  const workspace = params.add(input.workspaceId, 'uuid');
  const at = params.add(now.toISOString(), 'timestamptz');
  const localTime = params.add(config.at, 'interval');
  // The day of the customer's date: the occurrence's day moved back by the offset (or forward, before).
  const days = config.offset.direction === 'after' ? -config.offset.days : config.offset.days;
  const dateDay = `(l.day + ${params.add(days, 'int')})`;

  let source: string;
  let condition: string;
  let triggerEvent = 'NULL::uuid';
  if (config.date.kind === 'trait') {
    const path = params.add(config.date.trait.split('.'), 'text[]');
    const value = `(l.traits #> ${path})`;
    const text = `(l.traits #>> ${path})`;
    // A calendar date is the same day everywhere; an instant falls on the customer's local day.
    const traitDay = `(CASE WHEN jsonb_typeof(${value}) = 'string' THEN
        CASE WHEN ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
             THEN (parcours_iso_timestamp(${text}) AT TIME ZONE 'UTC')::date
             ELSE (parcours_iso_timestamp(${text}) AT TIME ZONE l.tz)::date END END)`;
    const yearly = config.date.every === 'year';
    // Parsing every customer's date every sweep is what costs: first a text test that only the
    // dates near the day can pass (a date starts with its day, an instant's day is within two days
    // of the one it is written with), then the exact test, once per customer.
    const near = `${yearly ? `substr(${text}, 6, 5)` : `left(${text}, 10)`} = ANY(${params.add(
      nearDays(now, days, yearly),
      'text[]',
    )})`;
    // 29 February: the 28th in other years.
    const exact = yearly
      ? `to_char(${traitDay}, 'MM-DD') = ANY(ARRAY[to_char(${dateDay}, 'MM-DD'),
           CASE WHEN to_char(${dateDay}, 'MM-DD') = '02-28'
                     AND extract(day FROM make_date(extract(year FROM ${dateDay})::int, 3, 1) - 1) = 28
                THEN '02-29' END])`
      : `${traitDay} = ${dateDay}`;
    source = '';
    condition = `${near} AND ${exact}`;
  } else {
    // Every such event since a little before the earliest day that can match: their latest is the last one.
    const since = new Date(now.getTime() - (config.offset.days + 3) * DAY_MS);
    const filters = compileEventFilters(config.date.where, params, { now });
    source = `JOIN (SELECT e.profile_id, max(e.occurred_at) AS last,
                           (array_agg(e.id ORDER BY e.occurred_at DESC, e.id DESC))[1] AS event_id
                    FROM events e
                    WHERE ${[
                      `e.workspace_id = ${workspace}`,
                      `e.name = ${params.add(config.date.event, 'text')}`,
                      `e.occurred_at >= ${params.add(since.toISOString(), 'timestamptz')}`,
                      ...filters,
                    ].join(' AND ')}
                    GROUP BY e.profile_id) AS last_event ON last_event.profile_id = l.id`;
    condition = `(last_event.last AT TIME ZONE l.tz)::date = ${dateDay}`;
    triggerEvent = 'last_event.event_id';
  }

  return {
    text: `WITH zones AS MATERIALIZED (SELECT name FROM pg_timezone_names),
           local AS (
             SELECT p.id, p.traits, tz.tz, ((${at} AT TIME ZONE tz.tz) - ${localTime})::date AS day
             FROM profiles p
             LEFT JOIN zones ON zones.name = p.traits ->> 'timezone'
             CROSS JOIN LATERAL (SELECT COALESCE(zones.name, ${params.add(config.fallbackTimezone, 'text')}) AS tz) AS tz
             WHERE p.workspace_id = ${workspace} AND ${LIVE_PROFILE_SQL})
           SELECT l.id AS profile_id, to_char(l.day, ${DAY_FORMAT}) AS occurrence,
                  ${triggerEvent} AS trigger_event_id
           FROM local l ${source}
           WHERE ${condition}
             AND NOT EXISTS (SELECT 1 FROM scheduled_entries tried
                             WHERE tried.scenario_id = ${params.add(input.scenarioId, 'uuid')}
                               AND tried.occurrence = to_char(l.day, ${DAY_FORMAT}) AND tried.profile_id = l.id)
           ORDER BY l.id
           LIMIT ${params.add(input.limit, 'int')}`,
    values: params.values,
  };
}

/**
 * The days (`MM-DD` when yearly, else `YYYY-MM-DD`) a customer's date can be written with for them
 * to enter now: their local day is within two days of UTC's, moved by the offset (`days`), and an
 * instant is written with a day within two more of its local one. Five days each way, and always
 * 29 February (near 1 March, a leap day's instant can fall on the 28th or the 1st).
 */
function nearDays(now: Date, days: number, yearly: boolean): string[] {
  const near = new Set<string>(yearly ? ['02-29'] : []);
  for (let k = -5; k <= 5; k++) {
    const day = new Date(now.getTime() + (days + k) * DAY_MS).toISOString().slice(0, 10);
    near.add(yearly ? day.slice(5) : day);
  }
  return [...near];
}
