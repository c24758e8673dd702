import { BadRequestException } from '@nestjs/common';
import {
  checkSegmentReferences,
  computedTraitKeys,
  SegmentCycleError,
  type SegmentRule,
  SegmentRuleTooLargeError,
  UnknownSegmentError,
} from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { type SegmentRecord } from '../../persistence/segments.repository';

const CODES = new Map<unknown, string>([
  [UnknownSegmentError, 'unknown_segment'],
  [SegmentCycleError, 'segment_cycle'],
  [SegmentRuleTooLargeError, 'rule_too_large'],
]);

function refused(code: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: [{ path: 'rule', code, message }],
  });
}

/**
 * What a rule's schema cannot know: the segments it names exist in the workspace, no cycle appears
 * (with `candidate` in place, every segment of the workspace is checked again, since one that refers
 * to it may now loop or grow too big), and the computed traits it reads are declared.
 */
export async function checkRuleInWorkspace(
  db: EntityManager,
  workspaceId: string,
  candidate: { id?: string; rule: SegmentRule },
  active: SegmentRecord[],
): Promise<void> {
  const rules = new Map(active.map((s) => [s.id, s.rule]));
  if (candidate.id !== undefined) rules.set(candidate.id, candidate.rule);
  const lookup = (id: string) => rules.get(id);
  try {
    checkSegmentReferences(candidate.rule, lookup, candidate.id);
    for (const [id, rule] of rules) checkSegmentReferences(rule, lookup, id);
  } catch (error) {
    const code = CODES.get((error as Error).constructor);
    if (code) throw refused(code, (error as Error).message);
    throw error;
  }
  const keys = computedTraitKeys(candidate.rule);
  if (keys.length === 0) return;
  const declared: { key: string }[] = await db.query(
    `SELECT key FROM computed_trait_definitions WHERE workspace_id = $1 AND key = ANY($2)`,
    [workspaceId, keys],
  );
  const missing = keys.filter((key) => !declared.some((d) => d.key === key));
  if (missing.length > 0) {
    throw refused(
      'unknown_computed_trait',
      `No computed trait is declared under ${missing.map((k) => `'${k}'`).join(', ')}: declare it first (POST /computed-traits)`,
    );
  }
}
