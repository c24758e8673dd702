import { z } from 'zod';

/** What starts (or resumes) an import; the source's hash and size are known before it is read. */
export const openImportCommandSchema = z.object({
  workspaceId: z.uuid(),
  kind: z.enum(['profiles', 'events']),
  format: z.enum(['csv', 'ndjson']),
  sourceName: z.string().trim().min(1).max(500),
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/),
  sourceBytes: z.number().int().min(0),
  /** Explicit `column → target` choices (see ImportMapping); conventions map the other columns. */
  mapping: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).default({}),
  trigger: z.boolean(),
  /** Start a job that has not completed over from row 1 with these options instead of resuming it. */
  restart: z.boolean().default(false),
});

export type OpenImportCommand = z.input<typeof openImportCommandSchema>;
