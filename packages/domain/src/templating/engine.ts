import { Liquid } from 'liquidjs';
import { registerLocaleFilters } from './locale-filters';

/**
 * How rendered values are escaped: `html` for HTML bodies, `url` (percent-encoded, so a value
 * cannot change a URL's path or query structure) for URLs, `none` for subjects and plain text.
 */
export type TemplateEscape = 'html' | 'url' | 'none';

export const MAX_TEMPLATE_LENGTH = 200_000;

// Tags that load other templates: refused at parse time, templates are self-contained strings.
const FILE_TAGS = ['include', 'render', 'layout', 'block'];

function createEngine(escape: TemplateEscape): Liquid {
  const liquid = new Liquid({
    templates: {}, // in-memory lookup only: no file system is ever read
    relativeReference: false,
    dynamicPartials: false,
    strictFilters: true, // an unknown filter is a syntax error, not a silent no-op
    strictVariables: false, // a missing profile attribute renders empty (use `| default: ...`)
    ownPropertyOnly: true,
    timezoneOffset: 0, // the `date` filter renders in UTC, whatever the server's zone
    outputEscape:
      escape === 'html'
        ? 'escape'
        : escape === 'url'
          ? (value: unknown) => encodeURIComponent(String(value ?? ''))
          : undefined,
    parseLimit: MAX_TEMPLATE_LENGTH,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
  });
  registerLocaleFilters(liquid);
  for (const tag of FILE_TAGS) {
    liquid.registerTag(tag, {
      parse(token) {
        throw new Error(`{% ${token.name} %} is not supported: a template cannot load other templates`);
      },
      render() {},
    });
  }
  return liquid;
}

const engines: Record<TemplateEscape, Liquid> = {
  html: createEngine('html'),
  url: createEngine('url'),
  none: createEngine('none'),
};

export function liquidEngine(escape: TemplateEscape): Liquid {
  return engines[escape];
}
