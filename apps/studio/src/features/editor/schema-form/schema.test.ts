import type { JsonSchema } from '../../canvas/types';
import { blankValue, fieldKind, formatLooseValue, humanize, parseLooseValue, setAt } from './schema';

describe('fieldKind', () => {
  it.each<[string, JsonSchema, string]>([
    ['an enum', { type: 'string', enum: ['equals', 'exists'] }, 'enum'],
    ['a short string', { type: 'string', maxLength: 200 }, 'string'],
    ['a message body', { type: 'string', maxLength: 100000 }, 'text'],
    ['an integer', { type: 'integer', minimum: 1 }, 'integer'],
    ['a number', { type: 'number' }, 'number'],
    ['a boolean', { type: 'boolean' }, 'boolean'],
    ['an object', { type: 'object', properties: { a: {} } }, 'object'],
    ['an empty object', { type: 'object', properties: {}, additionalProperties: false }, 'object'],
    ['a map', { type: 'object', additionalProperties: { type: 'number' } }, 'map'],
    ['a list', { type: 'array', items: { type: 'string' } }, 'array'],
    ['an untyped value', { title: 'Value' }, 'loose'],
    ['a union of scalars', { anyOf: [{ type: 'string' }, { type: 'number' }] }, 'loose'],
  ])('edits %s as %s', (_label, schema, kind) => {
    expect(fieldKind(schema)).toBe(kind);
  });
});

describe('loose values', () => {
  const any: JsonSchema = {};
  const stringOrNumber: JsonSchema = { anyOf: [{ type: 'string' }, { type: 'number' }] };

  it.each<[string, JsonSchema, unknown]>([
    ['FR', any, 'FR'],
    ['42', any, 42],
    ['-1.5', any, -1.5],
    ['true', any, true],
    ['["a", "b"]', any, ['a', 'b']],
    ['[not json', any, '[not json'],
    ['  ', any, undefined],
    ['true', stringOrNumber, 'true'],
    ['7', stringOrNumber, 7],
    ['1e5', any, '1e5'],
  ])('reads %j as %j', (text, schema, value) => {
    expect(parseLooseValue(text, schema)).toEqual(value);
  });

  it('writes values back as the author would type them', () => {
    expect(formatLooseValue('FR')).toBe('FR');
    expect(formatLooseValue(42)).toBe('42');
    expect(formatLooseValue(['a', 'b'])).toBe('["a","b"]');
    expect(formatLooseValue(undefined)).toBe('');
  });
});

describe('helpers', () => {
  it('humanizes property names', () => {
    expect(humanize('holdoutPercent')).toBe('Holdout percent');
    expect(humanize('same_as_trigger')).toBe('Same as trigger');
    expect(humanize('unit')).toBe('Unit');
  });

  it('fills required fields of a new item', () => {
    const branch: JsonSchema = {
      type: 'object',
      properties: { port: { type: 'string' }, percent: { type: 'number' }, note: { type: 'string' } },
      required: ['port', 'percent'],
    };
    expect(blankValue(branch)).toEqual({ port: '', percent: undefined });
    expect(blankValue({ type: 'string', enum: ['a', 'b'] })).toBe('a');
    expect(blankValue({ type: 'array', default: [] })).toEqual([]);
  });

  it('sets and unsets nested values without touching the original', () => {
    const config = { timeout: { amount: 3, unit: 'days' }, filters: [{ path: 'a' }] };
    expect(setAt(config, ['timeout', 'amount'], 5)).toEqual({
      timeout: { amount: 5, unit: 'days' },
      filters: [{ path: 'a' }],
    });
    expect(setAt(config, ['filters', 0, 'value'], 'x')).toEqual({
      timeout: { amount: 3, unit: 'days' },
      filters: [{ path: 'a', value: 'x' }],
    });
    expect(setAt(config, ['timeout'], undefined)).toEqual({ filters: [{ path: 'a' }] });
    expect(config.timeout.amount).toBe(3);
  });
});
