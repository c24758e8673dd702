import { type Client } from 'pg';
import { type apiClient, type RunningApi, type TestWorkspace } from './apps';
import { startJourneyStack } from './journey-stack';

export interface ApiHarness {
  api: RunningApi;
  databaseUrl: string;
  workspace: TestWorkspace;
  db: Client;
  admin: ReturnType<typeof apiClient>;
  ingest: ReturnType<typeof apiClient>;
  /** Row counts of every table a write could touch, to prove a refused request stored nothing. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

// Not event_outbox: the dispatcher drains it concurrently (every outbox row has its event anyway).
const TABLES = ['scenarios', 'scenario_versions', 'profiles', 'events', 'journeys'];

/** A real API on a fresh database with one bootstrapped workspace (`env`: more settings for the API). */
export async function startApiHarness({ env = {} }: { env?: NodeJS.ProcessEnv } = {}): Promise<ApiHarness> {
  const stack = await startJourneyStack({ apps: 'api', apiEnv: env });
  const { api, databaseUrl, workspace, db, admin, ingest } = stack;
  return {
    api,
    databaseUrl,
    workspace,
    db,
    admin,
    ingest,
    async counts() {
      const { rows } = await db.query(
        `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
      );
      return rows[0];
    },
    close: () => stack.close(),
  };
}
