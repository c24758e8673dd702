import { liquidEngine, MAX_TEMPLATE_LENGTH } from './engine';
import { toTemplateIssue, type TemplateIssue } from './template-issue';

/**
 * The variables message templates see: the customer (`profile`), the trigger's properties
 * (`event`), variables set by earlier steps (`journey`) and the message's own unsubscribe link.
 */
export const TEMPLATE_VARIABLE_ROOTS = ['profile', 'event', 'journey', 'unsubscribe_url'] as const;

export interface ValidateTemplateOptions {
  /** Names a template may read without assigning them; default `TEMPLATE_VARIABLE_ROOTS`. */
  knownRoots?: readonly string[];
}

/**
 * Problems of a Liquid template: the syntax error (liquidjs stops at the first one), else every
 * use of a variable that is neither known nor assigned in the template (`{{ profil.name }}`),
 * each with its line and column. `[]` when it is fine.
 */
export function validateTemplate(source: string, options: ValidateTemplateOptions = {}): TemplateIssue[] {
  if (typeof source !== 'string') return [{ line: 1, column: 1, message: 'A template must be a string' }];
  if (source.length > MAX_TEMPLATE_LENGTH) {
    return [{ line: 1, column: 1, message: `A template cannot exceed ${MAX_TEMPLATE_LENGTH} characters` }];
  }
  const liquid = liquidEngine('none');
  try {
    const { globals } = liquid.analyzeSync(liquid.parse(source));
    const known = new Set(options.knownRoots ?? TEMPLATE_VARIABLE_ROOTS);
    return Object.entries(globals)
      .filter(([root]) => !known.has(root))
      .flatMap(([root, uses]) =>
        uses.map(({ location }) => ({
          line: location.row,
          column: location.col,
          message: `unknown variable "${root}" (known: ${[...known].join(', ')})`,
        })),
      )
      .sort((a, b) => a.line - b.line || a.column - b.column);
  } catch (error) {
    return [toTemplateIssue(error)];
  }
}
