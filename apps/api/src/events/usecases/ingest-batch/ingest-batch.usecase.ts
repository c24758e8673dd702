import { BadRequestException, Injectable } from '@nestjs/common';
import { IngestCallsUseCase } from '../ingest-calls/ingest-calls.usecase';
import { type ItemErrors, parseBatch } from './parse-batch';

export interface BatchResult {
  success: true;
  accepted: number;
  errors: ItemErrors[];
}

/**
 * Segment's `batch` (and `import`): the valid calls are stored together in one transaction and
 * the invalid ones reported by index. A batch with no valid call at all is a 400 of the same shape.
 */
@Injectable()
export class IngestBatchUseCase {
  constructor(private readonly ingest: IngestCallsUseCase) {}

  async execute(workspaceId: string, body: unknown, receivedAt: Date): Promise<BatchResult> {
    const parsed = parseBatch(body, receivedAt);
    if (!parsed.ok) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: parsed.errors,
      });
    }
    if (parsed.calls.length === 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'No valid call in the batch',
        success: false,
        accepted: 0,
        errors: parsed.errors,
      });
    }
    await this.ingest.execute(workspaceId, parsed.calls, receivedAt);
    return { success: true, accepted: parsed.calls.length, errors: parsed.errors };
  }
}
