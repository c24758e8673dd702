// Advisory locks (the two-key form, apart from the single-key ones other contexts use), held until
// commit. A refresh holds its profiles' locks, so two refreshes of one profile never decide from
// stale reads, and shares its workspace's membership lock, which a sweep holds exclusively while
// it applies a segment's diff: a sweep never applies a diff computed before a refresh committed,
// nor a refresh one computed before a sweep committed.
const PROFILE_REFRESH = 1937;
const WORKSPACE_MEMBERSHIPS = 1936;

/** Locks the refresh of these profiles (sorted, so concurrent callers never deadlock). */
export const LOCK_PROFILES_SQL = `SELECT pg_advisory_xact_lock(${PROFILE_REFRESH}, h)
  FROM (SELECT DISTINCT hashtext(id::text) AS h FROM unnest($1::uuid[]) AS id ORDER BY h) AS keys`;
/** A sweep's: its workspace's memberships, exclusively. */
export const LOCK_MEMBERSHIPS_SQL = `SELECT pg_advisory_xact_lock(${WORKSPACE_MEMBERSHIPS}, hashtext($1::uuid::text))`;

/** A refresh's locks in one round trip: its profiles' (sorted), then its workspace's, shared. */
export const LOCK_FOR_REFRESH_SQL = `SELECT count(*) FROM (
  SELECT pg_advisory_xact_lock(${PROFILE_REFRESH}, h)
  FROM (SELECT DISTINCT hashtext(id::text) AS h FROM unnest($1::uuid[]) AS id ORDER BY h) AS keys
  UNION ALL
  SELECT pg_advisory_xact_lock_shared(${WORKSPACE_MEMBERSHIPS}, hashtext($2::uuid::text))) AS locked`;
