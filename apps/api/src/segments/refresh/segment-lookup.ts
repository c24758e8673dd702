import { Logger } from '@nestjs/common';
import { checkSegmentReferences, type SegmentRule } from '@parcours/domain';
type WithRule = { id: string; rule: SegmentRule };

const logger = new Logger('Segments');

/** Looks up active segments' rules by id: what `segment` predicates refer to. */
export function ruleLookup(segments: WithRule[]): (id: string) => SegmentRule | undefined {
  const byId = new Map(segments.map((s) => [s.id, s.rule]));
  return (id) => byId.get(id);
}

/**
 * The segments whose references all resolve. Saving refuses broken references; this only keeps
 * one bad row (say, edited by hand) from stopping every other segment of the workspace.
 */
export function evaluableSegments<S extends WithRule>(segments: S[]): S[] {
  const lookup = ruleLookup(segments);
  return segments.filter((segment) => {
    try {
      checkSegmentReferences(segment.rule, lookup, segment.id);
      return true;
    } catch (error) {
      logger.error(`Segment ${segment.id} is skipped: ${(error as Error).message}`);
      return false;
    }
  });
}
