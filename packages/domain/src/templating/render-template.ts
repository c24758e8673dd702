import { type Template } from 'liquidjs';
import { liquidEngine, MAX_TEMPLATE_LENGTH, type TemplateEscape } from './engine';
import { TemplateError, toTemplateIssue } from './template-issue';

export interface RenderTemplateOptions {
  /** `html` escapes every `{{ output }}` (bypass with `| raw`); default `none`. */
  escape?: TemplateEscape;
}

/**
 * Parsed templates by escape mode and source: a journey renders the same few templates for every
 * customer, and parsing a long HTML body costs more than rendering it. Bounded (oldest dropped).
 */
const PARSED_CACHE_SIZE = 500;
const parsed = new Map<string, Template[]>();

function parse(source: string, escape: TemplateEscape): Template[] {
  const key = `${escape}:${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    templates = liquidEngine(escape).parse(source);
    if (parsed.size >= PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, templates);
  }
  return templates;
}

/**
 * Renders a Liquid template from a string, e.g. `Hello {{ profile.firstName | default: "there" }}`.
 * Rejects with a `TemplateError` (line, column) on a syntax error or a render failure.
 */
export async function renderTemplate(
  source: string,
  variables: Record<string, unknown>,
  options: RenderTemplateOptions = {},
): Promise<string> {
  if (typeof source !== 'string' || source.length > MAX_TEMPLATE_LENGTH) {
    const message = `A template is a string of at most ${MAX_TEMPLATE_LENGTH} characters`;
    throw new TemplateError({ line: 1, column: 1, message });
  }
  const escape = options.escape ?? 'none';
  try {
    return String(await liquidEngine(escape).render(parse(source, escape), variables));
  } catch (error) {
    throw new TemplateError(toTemplateIssue(error));
  }
}
