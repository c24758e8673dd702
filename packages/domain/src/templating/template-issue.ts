/** A problem found in a template, positioned 1-based like editors count. */
export interface TemplateIssue {
  line: number;
  column: number;
  message: string;
}

/** Thrown by `renderTemplate` when the template cannot be parsed or rendered. */
export class TemplateError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(issue: TemplateIssue) {
    super(`${issue.message} (line ${issue.line}, column ${issue.column})`);
    this.name = 'TemplateError';
    this.line = issue.line;
    this.column = issue.column;
  }
}

/** Turns whatever liquidjs threw into a positioned issue. */
export function toTemplateIssue(error: unknown): TemplateIssue {
  const fallback: TemplateIssue = { line: 1, column: 1, message: String(error) };
  if (!(error instanceof Error)) return fallback;
  const token = (error as { token?: { getPosition?: () => [number, number] } }).token;
  const [line, column] = typeof token?.getPosition === 'function' ? token.getPosition() : [1, 1];
  const message = (error as { originalError?: Error }).originalError?.message ?? error.message;
  return { line, column, message: message.replace(/, line:\d+, col:\d+$/, '') };
}
