import { type FieldError, fieldErrors } from '../../../http/validation';
import { inspectJson } from '../../dtos/json-object';
import {
  batchCallSchemas,
  batchEnvelopeSchema,
  type BatchItem,
  CALL_TYPES,
  type CallType,
} from '../../dtos/segment-calls.dto';
import { MAX_CALL_BYTES } from '../../ingestion-limits';
import { type IngestCall, toIngestCall } from '../ingest-calls/ingest-call';

const TYPE_MESSAGE = `type must be one of ${CALL_TYPES.join(', ')}`;

export interface ItemErrors {
  index: number;
  errors: FieldError[];
}

export type ParsedBatch =
  { ok: false; errors: FieldError[] } | { ok: true; calls: IngestCall[]; errors: ItemErrors[] };

/**
 * Validates a batch request: the envelope as a whole, then each call on its own, so invalid calls
 * are reported by index while the valid ones go on. Each call is checked for safe JSON (depth,
 * NUL characters, unpaired surrogates) and size before anything walks it recursively, then against
 * the schema of its `type`.
 */
export function parseBatch(body: unknown, receivedAt: Date): ParsedBatch {
  const envelope = batchEnvelopeSchema.safeParse(body ?? {});
  if (!envelope.success) return { ok: false, errors: fieldErrors(envelope.error) };
  const { batch, sentAt, context } = envelope.data;
  const calls: IngestCall[] = [];
  const errors: ItemErrors[] = [];
  batch.forEach((item, index) => {
    const problem = checkItem(item);
    if (problem) {
      errors.push({ index, errors: [problem] });
      return;
    }
    const type = (item as { type?: unknown }).type;
    const schema =
      typeof type === 'string' && CALL_TYPES.includes(type as CallType)
        ? batchCallSchemas[type as CallType]
        : null;
    if (!schema) {
      errors.push({ index, errors: [{ path: 'type', code: 'invalid_union', message: TYPE_MESSAGE }] });
      return;
    }
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      errors.push({ index, errors: fieldErrors(parsed.error) });
      return;
    }
    calls.push(toIngestCall(parsed.data as BatchItem, { receivedAt, sentAt, context }));
  });
  return { ok: true, calls, errors };
}

function checkItem(item: unknown): FieldError | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { path: '', code: 'invalid_type', message: 'A call is a JSON object' };
  }
  const problem = inspectJson(item, { maxBytes: MAX_CALL_BYTES });
  if (!problem) return null;
  const message =
    problem.code === 'too_big' ? `A call must be at most ${MAX_CALL_BYTES / 1024} KiB` : problem.message;
  return { path: problem.path.join('.'), code: problem.code, message };
}
