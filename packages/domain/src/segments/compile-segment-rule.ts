import { parseIsoDate } from '../predicates/iso-date';
import { decimalOf } from './decimal';
import { anniversaryMonthDays, dayWindow, type RelativeDuration, shiftInstant } from './relative-time';
import { SegmentCycleError, type SegmentRuleLookup, UnknownSegmentError } from './segment-references';
import { type EventFilter, type EventRule, type SegmentRule, type ValueTest } from './segment-rule';
import { testAmount } from './value-tests';

// Segment rules as parameterised SQL over `profiles p` (and `events e`), meaning exactly what
// evaluate-segment-rule.ts means in memory. Every value, path and name is a parameter: the text
// holds only what this file writes. Every condition is true or false, never NULL, so NOT is safe.

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** Collects parameter values and hands out their placeholders (`$3::jsonb`). */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

export interface SegmentSqlOptions {
  now: Date;
  segmentRule?: SegmentRuleLookup;
}

/**
 * `audience`: for a whole workspace (counting, listing, sweeping): an event predicate is one
 * grouped scan of that event's rows, joined by hash. `profile`: for a few profiles
 * (`p.id = ANY(…)`): an event predicate reads the profile's own events through its index.
 */
export type SegmentSqlMode = { kind: 'audience'; workspace: string } | { kind: 'profile' };

/** Live profiles only: merged-away pointers and erased profiles belong to no segment. */
export const LIVE_PROFILE_SQL = 'p.merged_into IS NULL AND p.erased_at IS NULL';

/** `FROM profiles p <joins> WHERE <condition>`: joins only in audience mode. */
export interface CompiledSegmentRule {
  joins: string;
  condition: string;
}

export function compileSegmentRule(
  rule: SegmentRule,
  params: SqlParameters,
  mode: SegmentSqlMode,
  options: SegmentSqlOptions,
): CompiledSegmentRule {
  const compiler = new SegmentSqlCompiler(params, mode, options);
  const condition = compiler.condition(rule, [], true);
  return { joins: compiler.joins.join(' '), condition };
}

/** Tests on the properties of `events e`, all of which must hold (an event predicate's `where`). */
export function compileEventFilters(
  filters: readonly EventFilter[],
  params: SqlParameters,
  options: SegmentSqlOptions,
): string[] {
  const compiler = new SegmentSqlCompiler(params, { kind: 'profile' }, options);
  return filters.map((filter) => compiler.eventFilter(filter));
}

/** `SELECT p.id` of the workspace's live profiles matching the rule (no order, no limit). */
export function compileSegmentAudience(
  workspaceId: string,
  rule: SegmentRule,
  params: SqlParameters,
  options: SegmentSqlOptions,
): string {
  const workspace = params.add(workspaceId, 'uuid');
  const { joins, condition } = compileSegmentRule(rule, params, { kind: 'audience', workspace }, options);
  return `SELECT p.id FROM profiles p ${joins}
          WHERE p.workspace_id = ${workspace} AND ${LIVE_PROFILE_SQL} AND ${condition}`;
}

/** How many live profiles of the workspace match the rule: `{ count }`. */
export function segmentCountQuery(
  workspaceId: string,
  rule: SegmentRule,
  options: SegmentSqlOptions,
): SqlQuery {
  const params = new SqlParameters();
  const audience = compileSegmentAudience(workspaceId, rule, params, options);
  return { text: `SELECT count(*)::int AS count FROM (${audience}) AS audience`, values: params.values };
}

/**
 * One row per live profile of `profileIds`, with one boolean column per rule (`"0"`, `"1"`, …):
 * every segment of a workspace evaluated for the profiles a change touched, in one statement.
 */
export function profileSegmentsQuery(
  workspaceId: string,
  profileIds: string[],
  rules: SegmentRule[],
  options: SegmentSqlOptions,
): SqlQuery {
  const params = new SqlParameters();
  const workspace = params.add(workspaceId, 'uuid');
  const ids = params.add(profileIds, 'uuid[]');
  const columns = rules.map(
    (rule, i) => `${compileSegmentRule(rule, params, { kind: 'profile' }, options).condition} AS "${i}"`,
  );
  return {
    text: `SELECT ${['p.id', ...columns].join(', ')} FROM profiles p
           WHERE p.id = ANY(${ids}) AND p.workspace_id = ${workspace} AND ${LIVE_PROFILE_SQL}`,
    values: params.values,
  };
}

const INSTANT_OF_JSON = (v: string) =>
  `CASE WHEN jsonb_typeof(${v}) = 'string' THEN parcours_iso_timestamp(${v} #>> '{}') END`;
const NUMBER_OF_JSON = (v: string) => `CASE WHEN jsonb_typeof(${v}) = 'number' THEN (${v})::numeric END`;
const COMPARISONS: Record<string, string> = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
/** Texts `#>>` gives for JSON values other than strings: numbers, booleans, null, arrays, objects. */
const PRINTED_BY_OTHER_JSON_TYPES = /^(?:[-\d[{]|true$|false$|null$)/;

/** A value at a path of a jsonb column: `json` NULL when missing, `text` its `#>>` text. */
interface JsonAt {
  json: string;
  text: string;
}

class SegmentSqlCompiler {
  readonly joins: string[] = [];
  private readonly nowMs: number;

  constructor(
    private readonly params: SqlParameters,
    private readonly mode: SegmentSqlMode,
    private readonly options: SegmentSqlOptions,
  ) {
    this.nowMs = options.now.getTime();
  }

  /**
   * `required`: the whole rule is false unless this part holds (the root, and the parts of an
   * `and` that is required): there an event predicate can be an inner join.
   */
  condition(rule: SegmentRule, path: string[], required: boolean): string {
    switch (rule.type) {
      case 'and':
        return `(${rule.rules.map((child) => this.condition(child, path, required)).join(' AND ')})`;
      case 'or':
        return `(${rule.rules.map((child) => this.condition(child, path, false)).join(' OR ')})`;
      case 'not':
        return `(NOT ${this.condition(rule.rule, path, false)})`;
      case 'trait':
        return this.jsonTest(this.jsonAt('p.traits', rule.path), rule);
      case 'computed':
        return this.jsonTest(this.jsonAt('p.computed_traits', rule.path), rule);
      case 'consent': {
        const status = `(p.consents -> ${this.params.add(rule.channel, 'text')} ->> 'status')`;
        return rule.status === 'none'
          ? `(COALESCE(${status}, '') NOT IN ('granted', 'revoked'))`
          : `COALESCE(${status} = ${this.params.add(rule.status, 'text')}, false)`;
      }
      case 'contactable': {
        const granted = `COALESCE((p.consents -> ${this.params.add(rule.channel, 'text')} ->> 'status') = 'granted', false)`;
        const address = { email: 'p.email', sms: 'p.phone', push: undefined }[rule.channel];
        return address ? `(${granted} AND COALESCE(${address} <> '', false))` : granted;
      }
      case 'segment': {
        if (path.includes(rule.segmentId)) throw new SegmentCycleError([...path, rule.segmentId]);
        const target = this.options.segmentRule?.(rule.segmentId);
        if (target === undefined) throw new UnknownSegmentError(rule.segmentId);
        return this.condition(target, [...path, rule.segmentId], required);
      }
      case 'event':
        return this.events(rule, required);
    }
  }

  /** A test on one property of `events e`. */
  eventFilter(filter: EventFilter): string {
    return this.jsonTest(this.jsonAt('e.properties', filter.path), filter);
  }

  /** The value at a dotted path of a jsonb column, as jsonb and as text (NULL when missing). */
  private jsonAt(column: string, path: string): JsonAt {
    const segments = this.params.add(path.split('.'), 'text[]');
    return { json: `(${column} #> ${segments})`, text: `(${column} #>> ${segments})` };
  }

  private json(value: unknown): string {
    return this.params.add(JSON.stringify(value), 'jsonb');
  }

  /**
   * Equality with a string compares text, as one would write it by hand: extracting text is much
   * cheaper than building a jsonb value to compare (a third of a scan of a million profiles). Only
   * a string another JSON type could print as (`12`, `true`, `[…]`) needs the type checked too.
   */
  private equality({ json, text }: JsonAt, value: unknown): string {
    if (typeof value !== 'string') return `${json} = ${this.json(value)}`;
    const sameText = `${text} = ${this.params.add(value, 'text')}`;
    return PRINTED_BY_OTHER_JSON_TYPES.test(value)
      ? `(${sameText} AND jsonb_typeof(${json}) = 'string')`
      : sameText;
  }

  private jsonTest(at: JsonAt, test: ValueTest): string {
    const { operator, value } = test;
    const v = at.json;
    switch (operator) {
      case 'equals':
        return `COALESCE(${this.equality(at, value)}, false)`;
      case 'not_equals':
        return `(NOT COALESCE(${this.equality(at, value)}, false))`;
      case 'contains': {
        const inList = `EXISTS (SELECT 1 FROM jsonb_array_elements(${v}) AS element WHERE element = ${this.json(value)})`;
        const inText =
          typeof value === 'string'
            ? `strpos(${v} #>> '{}', ${this.params.add(value, 'text')}) > 0`
            : 'false';
        return `COALESCE(CASE jsonb_typeof(${v}) WHEN 'array' THEN ${inList} WHEN 'string' THEN ${inText} END, false)`;
      }
      case 'starts_with':
        return `COALESCE(CASE WHEN jsonb_typeof(${v}) = 'string' THEN starts_with(${v} #>> '{}', ${this.params.add(value, 'text')}) END, false)`;
      case 'in':
        return `COALESCE(CASE WHEN jsonb_typeof(${v}) NOT IN ('object', 'array') THEN ${this.json(value)} @> jsonb_build_array(${v}) END, false)`;
      case 'exists':
        return `COALESCE(jsonb_typeof(${v}) <> 'null', false)`;
      case 'not_exists':
        return `(NOT COALESCE(jsonb_typeof(${v}) <> 'null', false))`;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return typeof value === 'number'
          ? `COALESCE(${NUMBER_OF_JSON(v)} ${COMPARISONS[operator]} ${this.params.add(value, 'numeric')}, false)`
          : this.instantTest(INSTANT_OF_JSON(v), test);
      case 'between': {
        const [lower, upper] = value as [unknown, unknown];
        if (typeof lower !== 'number') return this.instantTest(INSTANT_OF_JSON(v), test);
        const n = NUMBER_OF_JSON(v);
        return `COALESCE(${n} >= ${this.params.add(lower, 'numeric')} AND ${n} <= ${this.params.add(upper, 'numeric')}, false)`;
      }
      default:
        return this.instantTest(INSTANT_OF_JSON(v), test);
    }
  }

  /** `t`: a timestamptz expression, NULL when there is no instant. */
  private instantTest(t: string, { operator, value }: ValueTest): string {
    const at = (ms: number) => this.params.add(new Date(ms).toISOString(), 'timestamptz');
    const duration = value as RelativeDuration;
    let test: string;
    switch (operator) {
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        test = `${t} ${COMPARISONS[operator]} ${at(parseIsoDate(value)!)}`;
        break;
      case 'between': {
        const [lower, upper] = value as [string, string];
        test = `${t} >= ${at(parseIsoDate(lower)!)} AND ${t} <= ${at(parseIsoDate(upper)!)}`;
        break;
      }
      case 'more_than_ago':
        test = `${t} < ${at(shiftInstant(this.nowMs, duration, -1))}`;
        break;
      case 'within_last':
        test = `${t} >= ${at(shiftInstant(this.nowMs, duration, -1))} AND ${t} <= ${at(this.nowMs)}`;
        break;
      case 'within_next':
        test = `${t} >= ${at(this.nowMs)} AND ${t} <= ${at(shiftInstant(this.nowMs, duration, 1))}`;
        break;
      case 'days_ago': {
        const { start, end } = dayWindow(this.nowMs, value as number);
        test = `${t} >= ${at(start)} AND ${t} < ${at(end)}`;
        break;
      }
      case 'anniversary': {
        const days = anniversaryMonthDays(this.nowMs, (value as { withinDays: number }).withinDays);
        test = `to_char(${t} AT TIME ZONE 'UTC', 'MM-DD') = ANY(${this.params.add(days, 'text[]')})`;
        break;
      }
      default:
        test = 'false';
    }
    return `COALESCE(${test}, false)`;
  }

  /** An amount against the test's numbers; `scale`: compare `amount / scale` (an average) without dividing. */
  private amountTest(amount: string, { operator, value }: ValueTest, scale = ''): string {
    const bound = (n: unknown) => `${this.params.add(n, 'numeric')}${scale}`;
    if (operator === 'between') {
      const [lower, upper] = value as [number, number];
      return `COALESCE(${amount} >= ${bound(lower)} AND ${amount} <= ${bound(upper)}, false)`;
    }
    return `COALESCE(${amount} ${COMPARISONS[operator]} ${bound(value)}, false)`;
  }

  /**
   * A count is a bigint, never null: against whole bounds it is compared as one, sparing a numeric
   * cast per group (hundreds of thousands over a large base).
   */
  private countTest(test: ValueTest): string {
    const bounds = (test.operator === 'between' ? test.value : [test.value]) as number[];
    if (!bounds.every(Number.isSafeInteger)) return this.amountTest('count(*)', test);
    const bound = (n: number) => this.params.add(n, 'bigint');
    return test.operator === 'between'
      ? `count(*) BETWEEN ${bound(bounds[0])} AND ${bound(bounds[1])}`
      : `count(*) ${COMPARISONS[test.operator]} ${bound(bounds[0])}`;
  }

  private events(rule: EventRule, required: boolean): string {
    const measure = rule.measure ?? 'count';
    const property =
      rule.of === undefined
        ? ''
        : NUMBER_OF_JSON(`(e.properties #> ${this.params.add(rule.of.split('.'), 'text[]')})`);
    let test: string;
    switch (measure) {
      case 'count':
        test = this.countTest(rule);
        break;
      case 'sum':
        test = this.amountTest(`COALESCE(sum(${property}), 0)`, rule);
        break;
      case 'avg':
        test = `(count(${property}) > 0 AND ${this.amountTest(`sum(${property})`, rule, ` * count(${property})`)})`;
        break;
      case 'min':
      case 'max':
        test = this.amountTest(`${measure}(${property})`, rule);
        break;
      case 'first':
        test = this.instantTest('min(e.occurred_at)', rule);
        break;
      case 'last':
        test = this.instantTest('max(e.occurred_at)', rule);
        break;
    }
    const filters = [`e.name = ${this.params.add(rule.event, 'text')}`];
    if (rule.within !== undefined) {
      const since = shiftInstant(this.nowMs, rule.within, -1);
      filters.push(`e.occurred_at >= ${this.params.add(new Date(since).toISOString(), 'timestamptz')}`);
    }
    filters.push(...(rule.where ?? []).map((filter) => this.eventFilter(filter)));
    const mode = this.mode;
    if (mode.kind === 'profile') {
      return `COALESCE((SELECT ${test} FROM events e WHERE e.profile_id = p.id AND ${filters.join(' AND ')}), false)`;
    }
    // Set-based: the profile's events of that name are grouped once for the whole workspace and
    // joined by hash (a join can spill to disk; an IN (subquery) under OR or NOT cannot, and
    // would be run again for every profile once too big to hash).
    const alias = `ev${this.joins.length}`;
    const grouped = `FROM events e WHERE e.workspace_id = ${mode.workspace} AND ${filters.join(' AND ')}
      GROUP BY e.profile_id`;
    // A profile without any such event passes the test on nothing: a count or a sum of 0.
    const emptyPasses = (measure === 'count' || measure === 'sum') && testAmount(rule, decimalOf(0));
    if (required && !emptyPasses) {
      // Only the profiles that pass, as one would write it by hand.
      this.joins.push(
        `JOIN (SELECT e.profile_id ${grouped} HAVING ${test}) AS ${alias} ON ${alias}.profile_id = p.id`,
      );
      return 'true';
    }
    this.joins.push(
      `LEFT JOIN (SELECT e.profile_id, ${test} AS pass ${grouped}) AS ${alias} ON ${alias}.profile_id = p.id`,
    );
    return `COALESCE(${alias}.pass, ${emptyPasses})`;
  }
}
