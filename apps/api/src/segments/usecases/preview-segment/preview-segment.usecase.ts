import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { compileSegmentAudience, type SegmentRule, SqlParameters } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { SegmentsRepository } from '../../persistence/segments.repository';
import { ruleLookup } from '../../refresh/segment-lookup';
import { checkRuleInWorkspace } from '../save-segment/segment-rule-checks';

/** A preview is answered within this, or refused (a 422 saying so, never a stuck request). */
export const PREVIEW_TIMEOUT_MS = 10_000;

/**
 * Counts who a draft rule matches now and shows a few of them, from the compiled SQL (the count
 * and the sample run side by side, each on its own connection).
 */
@Injectable()
export class PreviewSegmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
  ) {}

  async execute(workspaceId: string, rule: SegmentRule, sampleSize: number) {
    const started = Date.now();
    const active = await this.segments.active(this.dataSource.manager, workspaceId);
    await checkRuleInWorkspace(this.dataSource.manager, workspaceId, { rule }, active);
    const options = { now: new Date(), segmentRule: ruleLookup(active) };
    const audience = (params: SqlParameters) => compileSegmentAudience(workspaceId, rule, params, options);

    const countParams = new SqlParameters();
    const countSql = `SELECT count(*)::int AS count FROM (${audience(countParams)}) AS audience`;
    const sampleParams = new SqlParameters();
    const sampleSql = `SELECT p.id AS "profileId", p.external_id AS "userId", p.email
      FROM (${audience(sampleParams)} LIMIT ${sampleParams.add(sampleSize, 'integer')}) AS a JOIN profiles p ON p.id = a.id`;
    const [[{ count }], sample] = await Promise.all([
      this.bounded(countSql, countParams.values) as Promise<{ count: number }[]>,
      this.bounded(sampleSql, sampleParams.values),
    ]);
    return { count, sample, tookMs: Date.now() - started };
  }

  private bounded(text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    return this.dataSource
      .transaction(async (db: EntityManager) => {
        await db.query(`SET LOCAL statement_timeout = ${PREVIEW_TIMEOUT_MS}`);
        return db.query(text, values);
      })
      .catch((error: { code?: string }) => {
        if (error.code !== '57014') throw error;
        throw new UnprocessableEntityException(
          `Evaluating this rule took longer than ${PREVIEW_TIMEOUT_MS / 1000} s: narrow it down (fewer events, a shorter window)`,
        );
      });
  }
}
