import { renderTemplate, TemplateError, validateTemplate } from './index';

describe('renderTemplate', () => {
  it('renders variables and the default filter', async () => {
    const source = 'Hello {{ profile.firstName | default: "there" }}';
    await expect(renderTemplate(source, { profile: { firstName: 'Léa' } })).resolves.toBe('Hello Léa');
    await expect(renderTemplate(source, { profile: {} })).resolves.toBe('Hello there');
    await expect(renderTemplate(source, {})).resolves.toBe('Hello there');
  });

  it('renders missing variables as empty', async () => {
    await expect(renderTemplate('Bonjour {{ profile.firstName }}!', { profile: {} })).resolves.toBe(
      'Bonjour !',
    );
  });

  it('supports tags and standard filters', async () => {
    const source = '{% if profile.pet == "cat" %}Miaou{% else %}Wouf{% endif %} {{ profile.city | upcase }}';
    await expect(renderTemplate(source, { profile: { pet: 'cat', city: 'lyon' } })).resolves.toBe(
      'Miaou LYON',
    );
  });

  it('escapes output for HTML when asked, not otherwise', async () => {
    const vars = { profile: { firstName: '<script>alert("x")</script> & co' } };
    await expect(renderTemplate('<p>{{ profile.firstName }}</p>', vars, { escape: 'html' })).resolves.toBe(
      '<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co</p>',
    );
    await expect(renderTemplate('{{ profile.firstName }}', vars)).resolves.toBe(vars.profile.firstName);
    await expect(renderTemplate('{{ profile.firstName }}', vars, { escape: 'none' })).resolves.toBe(
      vars.profile.firstName,
    );
  });

  it('lets html templates opt out of escaping with raw', async () => {
    await expect(
      renderTemplate('{{ block | raw }}', { block: '<b>hi</b>' }, { escape: 'html' }),
    ).resolves.toBe('<b>hi</b>');
  });

  it('does not expose prototype properties', async () => {
    await expect(
      renderTemplate('[{{ profile.constructor }}{{ profile.__proto__ }}]', { profile: {} }),
    ).resolves.toBe('[]');
  });

  it('rejects syntax errors with their position', async () => {
    const error = await renderTemplate('Hello\n  {{ name | nope }}', { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ line: 2, column: 3 });
    expect((error as Error).message).toContain('undefined filter: nope');
  });

  it('cannot load files', async () => {
    for (const source of ['{% include "/etc/passwd" %}', '{% render "x" %}', '{% layout "x" %}']) {
      await expect(renderTemplate(source, {})).rejects.toThrow(/not supported/);
    }
  });

  it('stops runaway templates', async () => {
    await expect(renderTemplate('{% for i in (1..100000000) %}xxxxxxxx{% endfor %}', {})).rejects.toThrow(
      TemplateError,
    );
  });
});

describe('validateTemplate', () => {
  it('accepts valid templates', () => {
    expect(validateTemplate('Hello {{ profile.firstName | default: "there" }}')).toEqual([]);
    expect(validateTemplate('plain text')).toEqual([]);
    expect(validateTemplate('')).toEqual([]);
  });

  it('reports an unknown filter (strict filters)', () => {
    expect(validateTemplate('line one\nHi {{ name | shout }}')).toEqual([
      { line: 2, column: 4, message: 'undefined filter: shout' },
    ]);
  });

  it('reports unclosed outputs and tags with line and column', () => {
    expect(validateTemplate('a\nb {{ name')).toEqual([
      { line: 2, column: 3, message: expect.stringContaining('not closed') },
    ]);
    expect(validateTemplate('x\n\n   {% if vip %}VIP')).toEqual([
      { line: 3, column: 4, message: expect.stringContaining('not closed') },
    ]);
  });

  it('reports unknown tags and file tags', () => {
    expect(validateTemplate('{% shout %}')).toEqual([
      { line: 1, column: 1, message: 'tag "shout" not found' },
    ]);
    expect(validateTemplate('ok\n{% include "header" %}')).toEqual([
      { line: 2, column: 1, message: expect.stringContaining('{% include %} is not supported') },
    ]);
  });

  it('refuses oversized and non-string templates', () => {
    expect(validateTemplate('x'.repeat(200_001))).toHaveLength(1);
    expect(validateTemplate(42 as unknown as string)).toHaveLength(1);
  });
});

describe('locale helpers', () => {
  const at = '2026-03-01T23:30:00Z';

  it('formats dates in the customer locale and timezone', async () => {
    const fr = { profile: { locale: 'fr-FR', timezone: 'Europe/Paris' }, event: { at } };
    await expect(renderTemplate('{{ event.at | localized_date }}', fr)).resolves.toBe('2 mars 2026');
    await expect(renderTemplate('{{ event.at | localized_date: "short" }}', fr)).resolves.toBe('02/03/2026');
    const us = { profile: { locale: 'en-US', timezone: 'America/New_York' }, event: { at } };
    await expect(renderTemplate('{{ event.at | localized_date }}', us)).resolves.toBe('March 1, 2026');
    await expect(renderTemplate('{{ event.at | localized_datetime: "medium" }}', us)).resolves.toMatch(
      /^Mar 1, 2026, 6:30\sPM$/,
    );
  });

  it('formats money and numbers in the customer locale', async () => {
    const expected = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5);
    await expect(
      renderTemplate('{{ event.total | money: "EUR" }}', {
        profile: { locale: 'de-DE' },
        event: { total: 1234.5 },
      }),
    ).resolves.toBe(expected);
    await expect(renderTemplate('{{ 1234.5 | money: "USD" }}', { profile: {} })).resolves.toBe('$1,234.50');
    await expect(
      renderTemplate('{{ 1234.5 | format_number: 2 }}', { profile: { locale: 'en' } }),
    ).resolves.toBe('1,234.50');
  });

  it('falls back instead of failing on odd data', async () => {
    const odd = {
      profile: { locale: 'not a locale!!', timezone: 'Mars/Olympus' },
      event: { at, total: 'n/a' },
    };
    await expect(renderTemplate('{{ event.at | localized_date }}', odd)).resolves.toBe('March 1, 2026');
    await expect(renderTemplate('{{ event.total | money: "EUR" }}', odd)).resolves.toBe('n/a');
    await expect(renderTemplate('{{ event.nothing | localized_date | default: "soon" }}', odd)).resolves.toBe(
      'soon',
    );
  });

  it('renders conditional blocks (e.g. by appetence) with default values', async () => {
    const source =
      '{% if profile.computed.appetence == "high" %}Offer for {{ profile.firstName | default: "you" }}{% else %}News{% endif %}';
    await expect(renderTemplate(source, { profile: { computed: { appetence: 'high' } } })).resolves.toBe(
      'Offer for you',
    );
    await expect(renderTemplate(source, { profile: { computed: {} } })).resolves.toBe('News');
  });
});

describe('validateTemplate: variables', () => {
  it('reports unknown roots with their position, not assigned or loop variables', () => {
    expect(validateTemplate('{% assign x = 1 %}{{ x }}\n{{ custmer.name }}')).toEqual([
      { line: 2, column: 4, message: expect.stringContaining('unknown variable "custmer"') },
    ]);
    expect(validateTemplate('{{ a }}', { knownRoots: ['a'] })).toEqual([]);
  });
});
