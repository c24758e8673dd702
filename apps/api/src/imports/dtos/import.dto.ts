import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * `POST /imports` query: the body is the file itself, streamed (`text/csv` or
 * `application/x-ndjson`); a repeated `map=column=target` gives explicit mappings.
 */
export class StartImportQuery extends createZodDto(
  z
    .object({
      kind: z.enum(['profiles', 'events']),
      format: z
        .enum(['csv', 'ndjson'])
        .optional()
        .describe('Needed only with Content-Type application/octet-stream or text/plain'),
      name: z.string().trim().min(1).max(500).default('upload').describe('The file name, shown in the job'),
      trigger: flag.default(true).describe('Event imports: start the journeys the events trigger'),
      restart: flag
        .default(false)
        .describe(
          'Start an unfinished import of the same file over with these options instead of resuming it',
        ),
      map: z
        .union([z.string(), z.array(z.string())])
        .transform((m) => (Array.isArray(m) ? m : [m]))
        .pipe(z.array(z.string().min(3).max(400)).max(500))
        .default([])
        .describe(
          'Repeatable column=target: identity.<kind>, user_id, anonymous_id, email, phone, traits.<path>[:number|boolean|json], ' +
            'consent.<email|sms|push>, event, timestamp, message_id, type, properties.<path>[:cast], context.<path>[:cast], ignore',
        ),
    })
    .strict(),
) {}

export class ImportIdParams extends createZodDto(z.object({ id: z.uuid() })) {}

export class ImportErrorsQuery extends createZodDto(
  z
    .object({
      after: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    })
    .strict(),
) {}

const importJob = z.object({
  id: z.uuid(),
  kind: z.enum(['profiles', 'events']),
  format: z.enum(['csv', 'ndjson']),
  sourceName: z.string(),
  sourceSha256: z.string(),
  sourceBytes: z.number().int(),
  mapping: z.record(z.string(), z.string()),
  trigger: z.boolean(),
  status: z.enum(['running', 'completed', 'failed']),
  rowsDone: z
    .number()
    .int()
    .describe('Rows read and committed (imported, failed or skipped): the resume offset'),
  rowsFailed: z.number().int(),
  rowsSkipped: z.number().int().describe('Events already stored under the same message id'),
  error: z.string().nullable(),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export class ImportJobDto extends createZodDto(importJob) {}

export class ImportErrorsPageDto extends createZodDto(
  z.object({
    errors: z.array(
      z.object({
        row: z.number().int(),
        line: z.number().int(),
        errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
      }),
    ),
    next: z.number().int().nullable().describe('Pass as `after` for the next page; null at the end'),
  }),
) {}
