import { getPath } from '../predicates/get-path';
import { addDecimals, type Decimal, decimalOf } from './decimal';
import { shiftInstant } from './relative-time';
import { SegmentCycleError, type SegmentRuleLookup, UnknownSegmentError } from './segment-references';
import { type EventRule, type SegmentRule } from './segment-rule';
import { testAmount, testInstant, testJsonValue, testScaledAmount } from './value-tests';

/** One profile as segment rules see it: what `profiles` stores, and its events. */
export interface SegmentSubject {
  traits: Record<string, unknown>;
  computedTraits: Record<string, unknown>;
  consents: Record<string, unknown>;
  email: string | null;
  phone: string | null;
  /** The events the rule's event predicates read (all of the profile's, or at least those). */
  events: readonly SegmentEvent[];
}

export interface SegmentEvent {
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date | string;
}

export interface SegmentEvaluationContext {
  now: Date;
  /** Rules of the segments a `segment` predicate may name. */
  segmentRule?: SegmentRuleLookup;
}

/**
 * Whether one profile matches a segment rule, in memory: the twin of the SQL compiler, for one
 * profile (journey dry runs, tests). Throws UnknownSegmentError / SegmentCycleError on a broken
 * reference to another segment, as the compiler does.
 */
export function evaluateSegmentRule(
  rule: SegmentRule,
  subject: SegmentSubject,
  context: SegmentEvaluationContext,
): boolean {
  return evaluate(rule, subject, context.now.getTime(), context.segmentRule, []);
}

function evaluate(
  rule: SegmentRule,
  subject: SegmentSubject,
  nowMs: number,
  lookup: SegmentRuleLookup | undefined,
  path: string[],
): boolean {
  switch (rule.type) {
    case 'and':
      return rule.rules.every((child) => evaluate(child, subject, nowMs, lookup, path));
    case 'or':
      return rule.rules.some((child) => evaluate(child, subject, nowMs, lookup, path));
    case 'not':
      return !evaluate(rule.rule, subject, nowMs, lookup, path);
    case 'trait':
      return testJsonValue(rule, getPath(subject.traits, rule.path), nowMs);
    case 'computed':
      return testJsonValue(rule, getPath(subject.computedTraits, rule.path), nowMs);
    case 'consent': {
      const status = getPath(subject.consents, [rule.channel, 'status']);
      return rule.status === 'none' ? status !== 'granted' && status !== 'revoked' : status === rule.status;
    }
    case 'contactable': {
      if (getPath(subject.consents, [rule.channel, 'status']) !== 'granted') return false;
      const address =
        rule.channel === 'email' ? subject.email : rule.channel === 'sms' ? subject.phone : 'push';
      return typeof address === 'string' && address !== '';
    }
    case 'segment': {
      if (path.includes(rule.segmentId)) throw new SegmentCycleError([...path, rule.segmentId]);
      const target = lookup?.(rule.segmentId);
      if (target === undefined) throw new UnknownSegmentError(rule.segmentId);
      return evaluate(target, subject, nowMs, lookup, [...path, rule.segmentId]);
    }
    case 'event':
      return evaluateEvents(rule, subject.events, nowMs);
  }
}

// Not Math.min(...list): a long history would overflow the call stack.
const smallest = (list: number[]) => list.reduce((a, b) => (b < a ? b : a));
const largest = (list: number[]) => list.reduce((a, b) => (b > a ? b : a));

const timeOf = (event: SegmentEvent): number =>
  event.occurredAt instanceof Date ? event.occurredAt.getTime() : Date.parse(event.occurredAt);

function evaluateEvents(rule: EventRule, events: readonly SegmentEvent[], nowMs: number): boolean {
  const since = rule.within === undefined ? -Infinity : shiftInstant(nowMs, rule.within, -1);
  const matching = events.filter(
    (event) =>
      event.name === rule.event &&
      timeOf(event) >= since &&
      (rule.where ?? []).every((filter) =>
        testJsonValue(filter, getPath(event.properties, filter.path), nowMs),
      ),
  );
  const measure = rule.measure ?? 'count';
  if (measure === 'count') return testAmount(rule, decimalOf(matching.length));
  if (measure === 'first' || measure === 'last') {
    if (matching.length === 0) return false;
    const times = matching.map(timeOf);
    return testInstant(rule, measure === 'first' ? smallest(times) : largest(times), nowMs);
  }
  const numbers = matching
    .map((event) => getPath(event.properties, rule.of!))
    .filter((value): value is number => typeof value === 'number');
  const total = numbers.reduce<Decimal>((sum, n) => addDecimals(sum, decimalOf(n)), decimalOf(0));
  switch (measure) {
    case 'sum':
      return testAmount(rule, total);
    case 'avg':
      return numbers.length > 0 && testScaledAmount(rule, total, numbers.length);
    case 'min':
      return numbers.length > 0 && testAmount(rule, decimalOf(smallest(numbers)));
    case 'max':
      return numbers.length > 0 && testAmount(rule, decimalOf(largest(numbers)));
  }
}
