import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';

/**
 * Stops journeys whose rows were already marked `exited` in a committed transaction. The row is
 * the durable decision (the worker checks it before every condition and action); terminating the
 * workflow only makes a sleeping journey stop now instead of at its next step.
 */
@Injectable()
export class JourneyExits {
  private readonly logger = new Logger(JourneyExits.name);

  constructor(@Inject(Client) private readonly temporal: Client) {}

  async terminate(journeys: { workflowId: string }[], reason: string): Promise<void> {
    for (const { workflowId } of journeys) {
      try {
        await this.temporal.workflow.getHandle(workflowId).terminate(reason);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) continue; // already finished
        this.logger.warn(
          `Journey ${workflowId} marked exited but not terminated: ${(error as Error).message}`,
        );
      }
    }
  }
}
