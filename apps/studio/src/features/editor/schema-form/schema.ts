import type { JsonSchema } from '../../canvas/types';

/** How a JSON Schema is edited: the subset the node catalog uses, and a fallback for the rest. */
export type FieldKind =
  | 'enum'
  | 'string'
  | 'text'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'map'
  | 'array'
  /** No type, or a union of scalars: one input, read as a number, true/false, a JSON list or text. */
  | 'loose';

const SCALARS = new Set(['string', 'number', 'integer', 'boolean', 'null']);
/** Longer strings (message bodies) get a multi-line field. */
const LONG_TEXT = 2000;

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? undefined : schema.type;
}

export function fieldKind(schema: JsonSchema): FieldKind {
  if (
    Array.isArray(schema.enum) &&
    schema.enum.every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    return 'enum';
  }
  switch (typeOf(schema)) {
    case 'string':
      return (schema.maxLength ?? 0) >= LONG_TEXT ? 'text' : 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return schema.properties || !schema.additionalProperties ? 'object' : 'map';
    default:
      return 'loose';
  }
}

/** The scalar types a loose field accepts; all of them when the schema says nothing. */
export function looseTypes(schema: JsonSchema): Set<string> {
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.every((option) => typeof option.type === 'string' && SCALARS.has(option.type))) {
    return new Set(options.map((option) => option.type as string));
  }
  if (Array.isArray(schema.type)) return new Set(schema.type);
  return new Set(['string', 'number', 'boolean', 'array']);
}

/**
 * What the author typed in a loose field: `42` is a number, `true` a boolean, `["a","b"]` a list
 * (for the `in` operator) — when the schema allows them; anything else is text. Empty is unset.
 */
export function parseLooseValue(text: string, schema: JsonSchema): unknown {
  const types = looseTypes(schema);
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if ((types.has('number') || types.has('integer')) && /^-?\d+(\.\d+)?$/.test(trimmed))
    return Number(trimmed);
  if (types.has('boolean') && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if (types.has('null') && trimmed === 'null') return null;
  if (types.has('array') && trimmed.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(trimmed);
      if (Array.isArray(list)) return list;
    } catch {
      // Not a list after all: keep it as text.
    }
  }
  return text;
}

export function formatLooseValue(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "holdoutPercent" → "Holdout percent", "same_as_trigger" → "Same as trigger". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A starting value for a new list item or map entry: required fields filled with their type's blank. */
export function blankValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  switch (fieldKind(schema)) {
    case 'enum':
      return schema.enum?.[0];
    case 'string':
    case 'text':
      return '';
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'map':
      return {};
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, blankValue(schema.properties?.[key] ?? {})]),
      );
    default:
      return undefined;
  }
}

/** `value` with `value[path] = next` (or removed when `next` is undefined), copied along the path. */
export function setAt(value: unknown, path: readonly (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    list[head] = setAt(list[head], rest, next);
    return list;
  }
  const record = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object) } : {};
  const child = setAt((record as Record<string, unknown>)[head], rest, next);
  if (child === undefined) delete (record as Record<string, unknown>)[head];
  else (record as Record<string, unknown>)[head] = child;
  return record;
}
