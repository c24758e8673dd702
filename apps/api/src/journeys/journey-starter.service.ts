import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { JOURNEY_WORKFLOW_TYPE, type JourneyWorkflowInput } from '@parcours/domain/journey';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

@Injectable()
export class JourneyStarter {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the journey's workflow; starting it again is a no-op. The id is never reused, even
   * after the journey completed, so a replayed dispatch cannot send anyone the journey twice.
   */
  async start(workflowId: string, input: JourneyWorkflowInput): Promise<void> {
    try {
      await this.temporal.workflow.start(JOURNEY_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
