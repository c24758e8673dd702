import { liquidEngine, MAX_TEMPLATE_LENGTH, type TemplateEscape } from './engine';
import { TemplateError, toTemplateIssue } from './template-issue';

export interface RenderTemplateOptions {
  /** `html` escapes every `{{ output }}` (bypass with `| raw`); default `none`. */
  escape?: TemplateEscape;
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
  const liquid = liquidEngine(options.escape ?? 'none');
  try {
    return String(await liquid.render(liquid.parse(source), variables));
  } catch (error) {
    throw new TemplateError(toTemplateIssue(error));
  }
}
