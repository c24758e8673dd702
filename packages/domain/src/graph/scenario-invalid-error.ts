import type { ValidationIssue } from './validation-issue';

/** Thrown by `compileScenario` when the graph has problems; `issues` lists them all. */
export class ScenarioInvalidError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    const shown = issues.slice(0, 3).map((issue) => issue.message);
    const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
    super(`The scenario is invalid: ${shown.join('; ')}${more}`);
    this.name = 'ScenarioInvalidError';
    this.issues = issues;
  }
}
