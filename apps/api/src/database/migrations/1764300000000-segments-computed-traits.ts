import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Dynamic segments (rule, version, materialised membership and its history) and computed traits
 * (declared definitions; values live in `profiles.computed_traits`). See docs/segments.md.
 */
export class SegmentsComputedTraits1764300000000 implements MigrationInterface {
  name = 'SegmentsComputedTraits1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // The instant an ISO 8601 text names, by exactly the rules of the domain's parseIsoDate (the
    // in-memory twin of compiled segment rules); NULL for anything else, never an error, so no
    // stored value can make a segment query fail.
    await q.query(`
      CREATE FUNCTION parcours_iso_timestamp(value text) RETURNS timestamptz
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        m text[];
        year int; month int; day int;
        hour int := 0; minute int := 0; second int := 0; millis int := 0; offset_minutes int := 0;
      BEGIN
        IF length(value) > 40 THEN RETURN NULL; END IF;
        m := regexp_match(value,
          '^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]{1,9}))?)?(Z|([+-])([0-9]{2}):([0-9]{2})))?$');
        IF m IS NULL THEN RETURN NULL; END IF;
        year := m[1]::int; month := m[2]::int; day := m[3]::int;
        IF year < 1 OR month NOT BETWEEN 1 AND 12 OR day < 1
           OR day > extract(day FROM make_date(year, month, 1) + interval '1 month' - interval '1 day') THEN
          RETURN NULL;
        END IF;
        IF m[4] IS NOT NULL THEN
          hour := m[4]::int; minute := m[5]::int; second := COALESCE(m[6]::int, 0);
          millis := COALESCE(rpad(left(m[7], 3), 3, '0')::int, 0);
          IF hour > 23 OR minute > 59 OR second > 59 THEN RETURN NULL; END IF;
          IF m[8] <> 'Z' THEN
            IF m[10]::int > 23 OR m[11]::int > 59 THEN RETURN NULL; END IF;
            offset_minutes := (m[10]::int * 60 + m[11]::int) * (CASE m[9] WHEN '-' THEN -1 ELSE 1 END);
          END IF;
        END IF;
        RETURN make_timestamptz(year, month, day, hour, minute, second + millis / 1000.0, 'UTC')
               - make_interval(mins => offset_minutes);
      END $$`);

    // Time-ordered ids for the membership events this database writes itself (Postgres 17 has no
    // uuidv7()): 48 bits of milliseconds, version 7, the rest random.
    await q.query(`
      CREATE FUNCTION parcours_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
          FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $$`);

    // "Who did X in a window", for a whole workspace (a segment's event predicates, set-based): with
    // profile_id carried in the index, the scan never visits the events themselves (index-only).
    // It replaces the index of the same columns, so ingestion writes no more index entries.
    await q.query(`DROP INDEX events_name_time_idx`);
    await q.query(
      `CREATE INDEX events_name_time_idx ON events (workspace_id, name, occurred_at) INCLUDE (profile_id)`,
    );

    await q.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 2000),
        rule jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        -- The version whose membership is materialised (behind 'version' while a rebuild runs).
        built_version integer,
        built_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX segments_name_idx ON segments (workspace_id, lower(name)) WHERE status = 'active'`,
    );

    // Current members. Journeys read it with EXISTS (segment_id, profile_id): the primary key.
    // No foreign key to profiles (never deleted: erasure blanks them): checking one locks the
    // profile's row, a write per member that building a large segment would pay.
    await q.query(`
      CREATE TABLE segment_memberships (
        workspace_id uuid NOT NULL,
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        profile_id uuid NOT NULL,
        segment_version integer NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (segment_id, profile_id)
      )`);
    await q.query(`CREATE INDEX segment_memberships_profile_idx ON segment_memberships (profile_id)`);

    // Every entry and exit. 'rule': the data or the rule changed (a segment.entered / exited event
    // was stored, event_id); 'built': the segment's first build (no event); 'profile_gone': the
    // profile was merged away or erased (no event).
    await q.query(`
      CREATE TABLE segment_membership_history (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL,
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        profile_id uuid NOT NULL,
        segment_version integer NOT NULL,
        change text NOT NULL CHECK (change IN ('entered', 'exited')),
        reason text NOT NULL CHECK (reason IN ('rule', 'built', 'profile_gone')),
        event_id uuid,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX segment_membership_history_segment_idx ON segment_membership_history (segment_id, at DESC)`,
    );
    await q.query(
      `CREATE INDEX segment_membership_history_profile_idx ON segment_membership_history (profile_id, at DESC)`,
    );

    await q.query(`
      CREATE TABLE computed_trait_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        kind text NOT NULL,
        config jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        -- Cut points over the base (quintiles, deciles), set by the last full computation.
        scales jsonb,
        computed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE computed_trait_definitions`);
    await q.query(`DROP TABLE segment_membership_history`);
    await q.query(`DROP TABLE segment_memberships`);
    await q.query(`DROP TABLE segments`);
    await q.query(`DROP FUNCTION parcours_uuid_v7()`);
    await q.query(`DROP FUNCTION parcours_iso_timestamp(text)`);
    await q.query(`DROP INDEX events_name_time_idx`);
    await q.query(`CREATE INDEX events_name_time_idx ON events (workspace_id, name, occurred_at)`);
  }
}
