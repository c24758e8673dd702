import { Client } from 'pg';
import {
  apiClient,
  basic,
  bearer,
  bootstrapWorkspace,
  createTestDatabase,
  type RunningApi,
  startApi,
  type TestWorkspace,
} from './apps';

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
  const databaseUrl = await createTestDatabase();
  const workspace = await bootstrapWorkspace(databaseUrl);
  const api = await startApi({ databaseUrl, env });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    api,
    databaseUrl,
    workspace,
    db,
    admin: apiClient(api.url, bearer(workspace.adminKey)),
    ingest: apiClient(api.url, basic(workspace.writeKey)),
    async counts() {
      const { rows } = await db.query(
        `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
      );
      return rows[0];
    },
    async close() {
      await api.stop();
      await db.end();
    },
  };
}
