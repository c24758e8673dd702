// View types of `POST /scenarios/:id/dry-run` (packages/domain/src/simulation/simulate-journey.ts).

export interface SimulatedStep {
  nodeId: string;
  type: string;
  /** `entered`, `yes`, `sent`, `skipped:no_email_consent`, `wait (2 days)`… */
  outcome: string;
  /** The output it leaves by; none for the last step. */
  port?: string;
}

export interface DryRun {
  version: number;
  path: SimulatedStep[];
  /** `completed`, `holdout`, an exit reason, or why the walk stopped (`no_next_step`…). */
  end: string;
}
