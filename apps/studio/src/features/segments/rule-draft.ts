// The rule builder's state, and its conversion to and from the API's segment rule
// (packages/domain/src/segments/segment-rule.ts; the studio does not bundle the domain package,
// so the rule's JSON shape is restated here and the unit tests check it against the real schema).

export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CONSENT_STATUSES = ['granted', 'revoked', 'none'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const DURATION_UNITS = ['hours', 'days', 'weeks', 'months', 'years'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const MEASURES = ['count', 'sum', 'avg', 'min', 'max', 'first', 'last'] as const;
export type Measure = (typeof MEASURES)[number];

/** Operators on a trait, a computed trait or an event property. */
export const VALUE_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'starts_with',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'exists',
  'not_exists',
  'more_than_ago',
  'within_last',
  'within_next',
  'days_ago',
  'anniversary',
] as const;
export type Operator = (typeof VALUE_OPERATORS)[number];
/** What an amount (count, sum, avg, min, max) is compared with. */
export const AMOUNT_OPERATORS: readonly Operator[] = ['equals', 'gt', 'gte', 'lt', 'lte', 'between'];
/** What a time (first, last occurrence) is compared with. */
export const INSTANT_OPERATORS: readonly Operator[] = [
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'more_than_ago',
  'within_last',
  'within_next',
  'days_ago',
];

export type ValueType = 'text' | 'number' | 'boolean';

/** What the value controls hold, as typed: parsed only when the rule is built. */
export interface ValueDraft {
  /** How `text` and `upper` are read for equals, in, gt…: a text (or ISO date), a number, a boolean. */
  type: ValueType;
  /** The value; comma-separated for `in`; the lower bound of `between`; the amount of a duration; the days of `days_ago` and `anniversary`. */
  text: string;
  /** The upper bound of `between`. */
  upper: string;
  /** The unit of a duration (more_than_ago, within_last, within_next). */
  unit: DurationUnit;
}

export interface FilterDraft {
  id: string;
  path: string;
  operator: Operator;
  value: ValueDraft;
}

interface Negatable {
  id: string;
  /** Wrapped in `not`. */
  negated: boolean;
}

export interface GroupDraft extends Negatable {
  kind: 'group';
  combinator: 'and' | 'or';
  children: NodeDraft[];
}

export interface TraitDraft extends Negatable {
  kind: 'trait' | 'computed';
  path: string;
  operator: Operator;
  value: ValueDraft;
}

/** `did`: count ≥ 1; `did_not`: count = 0; `measure`: the measure, operator and value given. */
export type EventMode = 'did' | 'did_not' | 'measure';

export interface EventDraft extends Negatable {
  kind: 'event';
  event: string;
  mode: EventMode;
  measure: Measure;
  of: string;
  operator: Operator;
  value: ValueDraft;
  /** Only the events of the last `within` count; empty amount: all of them. */
  within: { amount: string; unit: DurationUnit };
  where: FilterDraft[];
}

export interface ConsentDraft extends Negatable {
  kind: 'consent';
  channel: Channel;
  status: ConsentStatus;
}

export interface ContactableDraft extends Negatable {
  kind: 'contactable';
  channel: Channel;
}

export interface SegmentRefDraft extends Negatable {
  kind: 'segment';
  segmentId: string;
}

export type ConditionDraft = TraitDraft | EventDraft | ConsentDraft | ContactableDraft | SegmentRefDraft;
export type NodeDraft = GroupDraft | ConditionDraft;
export type ConditionKind = ConditionDraft['kind'];
export const CONDITION_KINDS: readonly ConditionKind[] = [
  'trait',
  'event',
  'consent',
  'contactable',
  'segment',
  'computed',
];

/** The API's rule JSON (validated by the API, not here). */
export type Rule = Record<string, unknown>;

let counter = 0;
/** Ids for React keys and error placement; unique within a page's life. */
export function newId(): string {
  counter += 1;
  return `n${counter}`;
}

export const emptyValue = (type: ValueType = 'text'): ValueDraft => ({
  type,
  text: '',
  upper: '',
  unit: 'days',
});

export function newGroup(combinator: 'and' | 'or' = 'and', children: NodeDraft[] = []): GroupDraft {
  return { id: newId(), kind: 'group', combinator, negated: false, children };
}

export function newFilter(): FilterDraft {
  return { id: newId(), path: '', operator: 'equals', value: emptyValue() };
}

export function newCondition(kind: ConditionKind): ConditionDraft {
  const base = { id: newId(), negated: false };
  switch (kind) {
    case 'trait':
    case 'computed':
      return { ...base, kind, path: '', operator: 'equals', value: emptyValue() };
    case 'event':
      return {
        ...base,
        kind,
        event: '',
        mode: 'did',
        measure: 'count',
        of: '',
        operator: 'gte',
        value: { ...emptyValue('number'), text: '1' },
        within: { amount: '', unit: 'days' },
        where: [],
      };
    case 'consent':
      return { ...base, kind, channel: 'email', status: 'granted' };
    case 'contactable':
      return { ...base, kind, channel: 'email' };
    case 'segment':
      return { ...base, kind, segmentId: '' };
  }
}

// --- values -------------------------------------------------------------------------------------

const DURATION_OPERATORS: readonly Operator[] = ['more_than_ago', 'within_last', 'within_next'];

/** What the value controls show for an operator. */
export type ValueShape = 'none' | 'single' | 'list' | 'range' | 'duration' | 'days';

export function valueShape(operator: Operator): ValueShape {
  if (operator === 'exists' || operator === 'not_exists') return 'none';
  if (operator === 'in') return 'list';
  if (operator === 'between') return 'range';
  if (DURATION_OPERATORS.includes(operator)) return 'duration';
  if (operator === 'days_ago' || operator === 'anniversary') return 'days';
  return 'single';
}

/** A number when the text is one; otherwise the text itself, for the API to name the problem. */
function numberOrText(text: string): unknown {
  const trimmed = text.trim();
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) ? number : text;
}

function scalarOf(type: ValueType, text: string): unknown {
  if (type === 'number') return numberOrText(text);
  if (type === 'boolean') return text === 'true';
  return text;
}

export function valueOf(operator: Operator, draft: ValueDraft): unknown {
  switch (valueShape(operator)) {
    case 'none':
      return undefined;
    case 'list':
      return draft.text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => scalarOf(draft.type, item));
    case 'range':
      return [scalarOf(draft.type, draft.text), scalarOf(draft.type, draft.upper)];
    case 'duration':
      return { amount: numberOrText(draft.text), unit: draft.unit };
    case 'days':
      return operator === 'anniversary' ? { withinDays: numberOrText(draft.text) } : numberOrText(draft.text);
    case 'single':
      return scalarOf(draft.type, draft.text);
  }
}

function typeOf(value: unknown): ValueType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

const textOf = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);

export function valueDraftOf(operator: Operator, value: unknown): ValueDraft {
  const draft = emptyValue();
  switch (valueShape(operator)) {
    case 'none':
      return draft;
    case 'list': {
      const items = Array.isArray(value) ? value : [];
      return {
        ...draft,
        type: items.length > 0 ? typeOf(items[0]) : 'text',
        text: items.map(textOf).join(', '),
      };
    }
    case 'range': {
      const [lower, upper] = Array.isArray(value) ? value : [];
      return { ...draft, type: typeOf(lower), text: textOf(lower), upper: textOf(upper) };
    }
    case 'duration': {
      const { amount, unit } = (value ?? {}) as { amount?: unknown; unit?: DurationUnit };
      return { ...draft, type: 'number', text: textOf(amount), unit: unit ?? 'days' };
    }
    case 'days':
      return {
        ...draft,
        type: 'number',
        text: textOf(operator === 'anniversary' ? (value as { withinDays?: unknown })?.withinDays : value),
      };
    case 'single':
      return { ...draft, type: typeOf(value), text: textOf(value) };
  }
}

// --- draft → rule -------------------------------------------------------------------------------

/** Where each draft element lands in the rule: `rule.rules.0.where.1` → the id of that filter. */
export type RulePaths = Map<string, string>;

function conditionRule(node: ConditionDraft, at: string, paths: RulePaths): Rule {
  switch (node.kind) {
    case 'trait':
    case 'computed':
      return withValue({ type: node.kind, path: node.path.trim() }, node.operator, node.value);
    case 'event': {
      const rule: Rule = { type: 'event', event: node.event.trim() };
      const where = node.where.map((filter, index) => {
        paths.set(`${at}.where.${index}`, filter.id);
        return withValue({ path: filter.path.trim() }, filter.operator, filter.value);
      });
      if (where.length > 0) rule.where = where;
      if (node.within.amount.trim() !== '') {
        rule.within = { amount: numberOrText(node.within.amount), unit: node.within.unit };
      }
      if (node.mode === 'did') return { ...rule, operator: 'gte', value: 1 };
      if (node.mode === 'did_not') return { ...rule, operator: 'equals', value: 0 };
      if (node.measure !== 'count') rule.measure = node.measure;
      if (['sum', 'avg', 'min', 'max'].includes(node.measure)) rule.of = node.of.trim();
      return withValue(rule, node.operator, node.value);
    }
    case 'consent':
      return { type: 'consent', channel: node.channel, status: node.status };
    case 'contactable':
      return { type: 'contactable', channel: node.channel };
    case 'segment':
      return { type: 'segment', segmentId: node.segmentId };
  }
}

function withValue(rule: Rule, operator: Operator, draft: ValueDraft): Rule {
  const value = valueOf(operator, draft);
  return value === undefined ? { ...rule, operator } : { ...rule, operator, value };
}

function nodeRule(node: NodeDraft, at: string, paths: RulePaths): Rule | null {
  paths.set(at, node.id);
  const inner = node.negated ? `${at}.rule` : at;
  if (node.negated) paths.set(inner, node.id);
  let rule: Rule | null;
  if (node.kind === 'group') {
    const rules: Rule[] = [];
    for (const child of node.children) {
      const childRule = nodeRule(child, `${inner}.rules.${rules.length}`, paths);
      if (childRule) rules.push(childRule);
    }
    // An empty group means nothing: left out, as the API refuses `rules: []`.
    rule = rules.length > 0 ? { type: node.combinator, rules } : null;
  } else {
    rule = conditionRule(node, inner, paths);
  }
  return rule && node.negated ? { type: 'not', rule } : rule;
}

/**
 * The rule the draft stands for (null while it has no condition), with where each draft element
 * landed, so that the API's field errors (`rule.rules.0.value`) find their control.
 */
export function draftToRule(root: NodeDraft): { rule: Rule | null; paths: RulePaths } {
  const paths: RulePaths = new Map();
  return { rule: nodeRule(root, 'rule', paths), paths };
}

// --- rule → draft -------------------------------------------------------------------------------

const asOperator = (value: unknown): Operator =>
  (VALUE_OPERATORS as readonly unknown[]).includes(value) ? (value as Operator) : 'equals';
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

function eventDraftOf(rule: Rule): EventDraft {
  const base = newCondition('event') as EventDraft;
  const measure = (MEASURES as readonly unknown[]).includes(rule.measure)
    ? (rule.measure as Measure)
    : 'count';
  const operator = asOperator(rule.operator);
  const within = rule.within as { amount?: unknown; unit?: DurationUnit } | undefined;
  const mode: EventMode =
    measure === 'count' && operator === 'gte' && rule.value === 1
      ? 'did'
      : measure === 'count' && operator === 'equals' && rule.value === 0
        ? 'did_not'
        : 'measure';
  return {
    ...base,
    event: asText(rule.event),
    mode,
    measure,
    of: asText(rule.of),
    operator,
    value: valueDraftOf(operator, rule.value),
    within: within ? { amount: textOf(within.amount), unit: within.unit ?? 'days' } : base.within,
    where: (Array.isArray(rule.where) ? (rule.where as Rule[]) : []).map((filter) => {
      const filterOperator = asOperator(filter.operator);
      return {
        id: newId(),
        path: asText(filter.path),
        operator: filterOperator,
        value: valueDraftOf(filterOperator, filter.value),
      };
    }),
  };
}

/** The draft of a saved rule. `not` becomes a negated element; `not not x` a negated group of `not x`. */
export function ruleToDraft(rule: Rule): NodeDraft {
  switch (rule.type) {
    case 'and':
    case 'or':
      return newGroup(rule.type, (Array.isArray(rule.rules) ? (rule.rules as Rule[]) : []).map(ruleToDraft));
    case 'not': {
      const inner = ruleToDraft(rule.rule as Rule);
      return inner.negated ? { ...newGroup('and', [inner]), negated: true } : { ...inner, negated: true };
    }
    case 'trait':
    case 'computed': {
      const operator = asOperator(rule.operator);
      return {
        id: newId(),
        negated: false,
        kind: rule.type,
        path: asText(rule.path),
        operator,
        value: valueDraftOf(operator, rule.value),
      };
    }
    case 'event':
      return eventDraftOf(rule);
    case 'consent':
      return {
        id: newId(),
        negated: false,
        kind: 'consent',
        channel: rule.channel as Channel,
        status: rule.status as ConsentStatus,
      };
    case 'contactable':
      return { id: newId(), negated: false, kind: 'contactable', channel: rule.channel as Channel };
    case 'segment':
      return { id: newId(), negated: false, kind: 'segment', segmentId: asText(rule.segmentId) };
    default:
      throw new Error(`Unknown rule type ${String(rule.type)}`);
  }
}

/** The builder always edits a group at its root. */
export function rootDraftOf(rule: Rule | null): GroupDraft {
  if (!rule) return newGroup('and');
  const draft = ruleToDraft(rule);
  return draft.kind === 'group' && !draft.negated ? draft : newGroup('and', [draft]);
}

// --- errors -------------------------------------------------------------------------------------

/** Field errors by draft element id, then by field (`''` for the element itself, `value`, `where`…). */
export type DraftErrors = Map<string, Map<string, string>>;

/**
 * Places the API's errors (path → message) on the draft: each on the element whose rule path is
 * the longest prefix of the error's, under the rest of the path's first name (`value.1` → `value`).
 */
export function placeErrors(fields: Record<string, string>, paths: RulePaths): DraftErrors {
  const placed: DraftErrors = new Map();
  for (const [path, message] of Object.entries(fields)) {
    if (path !== 'rule' && !path.startsWith('rule.')) continue;
    let prefix = path;
    while (!paths.has(prefix) && prefix.includes('.')) prefix = prefix.slice(0, prefix.lastIndexOf('.'));
    const id = paths.get(prefix);
    if (!id) continue;
    const rest = path.slice(prefix.length).replace(/^\./, '');
    // The `rule` of a negated element is the element itself.
    const field = rest.startsWith('rule') && !rest.startsWith('rules') ? '' : (rest.split('.')[0] ?? '');
    const errors = placed.get(id) ?? new Map<string, string>();
    if (!errors.has(field)) errors.set(field, message);
    placed.set(id, errors);
  }
  return placed;
}

// --- edits --------------------------------------------------------------------------------------

/** The tree with the element `id` replaced by `update(element)` (null removes it). */
export function updateNode(
  root: GroupDraft,
  id: string,
  update: (node: NodeDraft) => NodeDraft | null,
): GroupDraft {
  const visit = (node: NodeDraft): NodeDraft | null => {
    if (node.id === id) return update(node);
    if (node.kind !== 'group') return node;
    const children = node.children.map(visit).filter((child): child is NodeDraft => child !== null);
    return { ...node, children };
  };
  return (visit(root) as GroupDraft | null) ?? newGroup('and');
}

/** Moves the element `id` one place up (-1) or down (+1) among its siblings. */
export function moveNode(root: GroupDraft, id: string, by: -1 | 1): GroupDraft {
  const visit = (node: NodeDraft): NodeDraft => {
    if (node.kind !== 'group') return node;
    const index = node.children.findIndex((child) => child.id === id);
    const children = node.children.map(visit);
    const target = index + by;
    if (index >= 0 && target >= 0 && target < children.length) {
      [children[index], children[target]] = [children[target], children[index]];
    }
    return { ...node, children };
  };
  return visit(root) as GroupDraft;
}
