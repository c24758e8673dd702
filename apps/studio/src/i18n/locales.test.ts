import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { negotiateLocale } from './locales';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

// English titles of node types and their fields come from the API's catalog; the studio carries
// their French only.
const FROM_CATALOG = ['canvas.types.', 'schemaForm.fields.'];
const ui = (messages: object) => keys(messages).filter((key) => !FROM_CATALOG.some((p) => key.startsWith(p)));

describe('locales', () => {
  it('French and English have the same messages', () => {
    expect(ui(fr).sort()).toEqual(ui(en).sort());
  });

  it('translates each built-in node type with a title and a description', () => {
    const types = keys(fr).filter((key) => key.startsWith('canvas.types.'));
    expect(types.length).toBeGreaterThanOrEqual(11 * 2);
    const byType = new Map<string, string[]>();
    for (const key of types) {
      const [, , type, field] = key.split('.');
      byType.set(type, [...(byType.get(type) ?? []), field]);
    }
    for (const fields of byType.values()) expect(fields.sort()).toEqual(['description', 'title']);
  });

  it('no message is left empty', () => {
    for (const messages of [en, fr]) {
      const empty = keys(messages).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,fr;q=0.5', 'fr'],
    ['de, en;q=0.1, fr;q=0.9', 'fr'],
    ['fr;q=0, en;q=0.2', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [null, 'en'],
  ])('negotiates %s to %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
