import { liquidEngine, MAX_TEMPLATE_LENGTH } from './engine';
import { toTemplateIssue, type TemplateIssue } from './template-issue';

/** Syntax problems of a Liquid template (liquidjs stops at the first one); `[]` when it parses. */
export function validateTemplate(source: string): TemplateIssue[] {
  if (typeof source !== 'string') return [{ line: 1, column: 1, message: 'A template must be a string' }];
  if (source.length > MAX_TEMPLATE_LENGTH) {
    return [{ line: 1, column: 1, message: `A template cannot exceed ${MAX_TEMPLATE_LENGTH} characters` }];
  }
  try {
    liquidEngine('none').parse(source);
    return [];
  } catch (error) {
    return [toTemplateIssue(error)];
  }
}
