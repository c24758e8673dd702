import { type SegmentRule } from './segment-rule';

/** Looks up another segment's current rule by id (`undefined`: no such segment). */
export type SegmentRuleLookup = (segmentId: string) => SegmentRule | undefined;

export class UnknownSegmentError extends Error {
  constructor(readonly segmentId: string) {
    super(`The rule refers to segment ${segmentId}, which does not exist`);
  }
}

/** Predicates of a rule once the segments it refers to are expanded (they are, in both evaluators). */
export const MAX_EXPANDED_PREDICATES = 200;

export class SegmentRuleTooLargeError extends Error {
  constructor(readonly predicates: number) {
    super(
      `With the segments it refers to expanded, the rule has more than ${MAX_EXPANDED_PREDICATES} predicates`,
    );
  }
}

export class SegmentCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`Segments refer to each other in a cycle: ${cycle.join(' → ')}`);
  }
}

/** Every rule of the tree, parents before children (segments referred to not followed). */
export function* walkRule(rule: SegmentRule): Generator<SegmentRule> {
  const stack = [rule];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if (node.type === 'and' || node.type === 'or') stack.push(...[...node.rules].reverse());
    else if (node.type === 'not') stack.push(node.rule);
  }
}

export function referencedSegmentIds(rule: SegmentRule): string[] {
  const ids = new Set<string>();
  for (const node of walkRule(rule)) if (node.type === 'segment') ids.add(node.segmentId);
  return [...ids];
}

/** Keys of the computed traits the rule reads (the first name of each `computed` path). */
export function computedTraitKeys(rule: SegmentRule): string[] {
  const keys = new Set<string>();
  for (const node of walkRule(rule)) if (node.type === 'computed') keys.add(node.path.split('.')[0]);
  return [...keys];
}

/**
 * Follows the segments `rule` refers to. Throws UnknownSegmentError for a missing one,
 * SegmentCycleError when one comes back to a segment on the path (`selfId` included), and
 * SegmentRuleTooLargeError when expanding them all makes too big a rule.
 */
export function checkSegmentReferences(rule: SegmentRule, lookup: SegmentRuleLookup, selfId?: string): void {
  const expandedSize = (current: SegmentRule, path: string[]): number => {
    let size = 0;
    for (const node of walkRule(current)) {
      if (node.type === 'and' || node.type === 'or' || node.type === 'not') continue;
      if (node.type !== 'segment') size++;
      else {
        const id = node.segmentId;
        if (path.includes(id)) throw new SegmentCycleError([...path.slice(path.indexOf(id)), id]);
        const target = lookup(id);
        if (target === undefined) throw new UnknownSegmentError(id);
        size += expandedSize(target, [...path, id]);
      }
      if (size > MAX_EXPANDED_PREDICATES) throw new SegmentRuleTooLargeError(size);
    }
    return size;
  };
  expandedSize(rule, selfId === undefined ? [] : [selfId]);
}
