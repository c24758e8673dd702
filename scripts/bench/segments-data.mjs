// The segments benchmark's data set, generated inside Postgres (deterministic: fixed seed, no
// parallel workers): `profiles` customers of one workspace and about `eventsPerProfile` events
// each (1 to 2 × that - 1, so 10 M events for 1 M profiles by default) over the year before `now`.
//
// Profiles: country (FR 40 %, BE, DE, ES, IT) and its timezone, age and birthday, an email for
// 80 %, email consent granted for 60 % and revoked for 10 % (none for the rest), a phone and SMS
// consent for some.
// Events: order.completed 20 % (total 5-200, product among kibble, treats, litter, toys, animal
// among cat, dog, rodent, a promotion on 25 %), product.viewed 43 % (animal), message.opened 20 %,
// message.clicked 5 %, site.visited 10 %, survey.answered 2 % (nps 0-10); occurred_at uniform over
// the 365 days before `now`.
// Ids are sequential UUIDs (time-ordered ones in production), so the indexes load in order.

const COUNTRIES = `(ARRAY['FR','FR','FR','FR','BE','BE','DE','ES','IT','IT'])`;
// The country's timezone; a birthday that agrees with the age (drawn from the same numbers, so the
// rest of the data set is the same as without them).
const TIMEZONES = `(ARRAY['Europe/Paris','Europe/Paris','Europe/Paris','Europe/Paris','Europe/Brussels','Europe/Brussels','Europe/Berlin','Europe/Madrid','Europe/Rome','Europe/Rome'])`;
const PRODUCTS = `(ARRAY['kibble','kibble','kibble','kibble','treats','treats','litter','litter','toys','toys'])`;
const ANIMALS = `(ARRAY['cat','cat','cat','cat','dog','dog','dog','dog','rodent','rodent'])`;

/** A profile's id from its number: sequential, so inserts land at the right edge of the indexes. */
export const profileIdSql = (n) => `('00000000-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

export async function generateSegmentsData(
  client,
  { workspaceId, profiles, eventsPerProfile = 10, now, log },
) {
  // One row at a time, in order: no parallel workers, no memoized (so repeated) random draws.
  await client.query(`SET max_parallel_workers_per_gather = 0`);
  await client.query(`SET enable_memoize = off`);
  await client.query(`SELECT setseed(0.4242)`);
  const chunk = 100_000;
  for (let from = 1; from <= profiles; from += chunk) {
    const to = Math.min(profiles, from + chunk - 1);
    await client.query(
      `INSERT INTO profiles (id, workspace_id, external_id, email, phone, traits, consents, created_at, updated_at)
       SELECT ${profileIdSql('i')}, $1, 'u' || i,
              CASE WHEN r1 < 0.8 THEN 'u' || i || '@example.test' END,
              CASE WHEN r2 < 0.3 THEN '+3361' || lpad(i::text, 7, '0') END,
              jsonb_build_object('country', ${COUNTRIES}[1 + floor(r3 * 10)::int],
                                 'timezone', ${TIMEZONES}[1 + floor(r3 * 10)::int],
                                 'age', 18 + floor(r4 * 60)::int,
                                 'birthday', to_char($2::date - (floor(r4 * 60)::int + 18) * 365 - floor(r5 * 365)::int, 'YYYY-MM-DD'),
                                 'vip', r5 < 0.05),
              jsonb_strip_nulls(jsonb_build_object(
                'email', CASE WHEN r6 < 0.6 THEN jsonb_build_object('status', 'granted', 'at', $2::text)
                              WHEN r6 < 0.7 THEN jsonb_build_object('status', 'revoked', 'at', $2::text) END,
                'sms', CASE WHEN r2 < 0.2 THEN jsonb_build_object('status', 'granted', 'at', $2::text) END)),
              $2::timestamptz - interval '400 days', $2::timestamptz - interval '400 days'
       FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
             FROM generate_series($3::int, $4::int) AS i) AS p`,
      [workspaceId, now.toISOString(), from, to],
    );
    log?.(`profiles ${to.toLocaleString('en-US')} / ${profiles.toLocaleString('en-US')}`);
  }
  await client.query(
    `INSERT INTO profile_identities (workspace_id, kind, value, profile_id)
     SELECT workspace_id, 'user_id', external_id, id FROM profiles WHERE workspace_id = $1`,
    [workspaceId],
  );

  const profileChunk = 50_000;
  for (let from = 1; from <= profiles; from += profileChunk) {
    const to = Math.min(profiles, from + profileChunk - 1);
    await client.query(
      `INSERT INTO events (id, workspace_id, profile_id, type, name, properties, occurred_at, received_at)
       SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(i::bigint * 64 + j), 12, '0'))::uuid, $1, ${profileIdSql('i')},
              'track', name,
              CASE name
                WHEN 'order.completed' THEN jsonb_build_object('total', round((5 + r2 * 195)::numeric, 2),
                  'product', ${PRODUCTS}[1 + floor(r3 * 10)::int], 'animal', ${ANIMALS}[1 + floor(r3 * 100)::int % 10],
                  'promotion', r4 < 0.25)
                WHEN 'product.viewed' THEN jsonb_build_object('animal', ${ANIMALS}[1 + floor(r3 * 10)::int])
                WHEN 'survey.answered' THEN jsonb_build_object('nps', floor(r2 * 11)::int)
                ELSE '{}'::jsonb END,
              at, at
       FROM (
         SELECT i, j, r2, r3, r4, $2::timestamptz - r5 * interval '365 days' AS at,
                CASE WHEN r1 < 0.20 THEN 'order.completed' WHEN r1 < 0.63 THEN 'product.viewed'
                     WHEN r1 < 0.83 THEN 'message.opened' WHEN r1 < 0.88 THEN 'message.clicked'
                     WHEN r1 < 0.98 THEN 'site.visited' ELSE 'survey.answered' END AS name
         FROM (SELECT i, j, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
               FROM generate_series($3::int, $4::int) AS i,
                    LATERAL generate_series(1, 1 + floor(random() * (2 * $5::int - 1) + i * 0)::int) AS j) AS drawn
       ) AS e`,
      [workspaceId, now.toISOString(), from, to, eventsPerProfile],
    );
    log?.(`events for profiles ${to.toLocaleString('en-US')} / ${profiles.toLocaleString('en-US')}`);
  }
  // As autovacuum would have by then in a live database: statistics, and the visibility map that
  // lets index-only scans skip the table.
  await client.query(`VACUUM (ANALYZE) profiles`);
  await client.query(`VACUUM (ANALYZE) events`);
  const [{ count }] = (
    await client.query(`SELECT count(*)::int AS count FROM events WHERE workspace_id = $1`, [workspaceId])
  ).rows;
  return { profiles, events: count };
}
