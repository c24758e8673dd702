import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';
import {
  JOURNEY_SEARCH_ATTRIBUTES,
  JOURNEY_WORKFLOW_TYPE,
  type JourneyWorkflowInput,
} from '@parcours/domain/journey';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const keys = {
  scenarioId: defineSearchAttributeKey(JOURNEY_SEARCH_ATTRIBUTES.scenarioId, SearchAttributeType.KEYWORD),
  scenarioVersionId: defineSearchAttributeKey(
    JOURNEY_SEARCH_ATTRIBUTES.scenarioVersionId,
    SearchAttributeType.KEYWORD,
  ),
  profileId: defineSearchAttributeKey(JOURNEY_SEARCH_ATTRIBUTES.profileId, SearchAttributeType.KEYWORD),
};

export interface StartingJourney {
  workflowId: string;
  journeyId: string;
  scenarioId: string;
  scenarioVersionId: string;
  profileId: string;
}

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
  async start(journey: StartingJourney): Promise<void> {
    const input: JourneyWorkflowInput = { journeyId: journey.journeyId };
    try {
      await this.temporal.workflow.start(JOURNEY_WORKFLOW_TYPE, {
        workflowId: journey.workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        ...(this.config.TEMPORAL_SEARCH_ATTRIBUTES && {
          typedSearchAttributes: new TypedSearchAttributes([
            { key: keys.scenarioId, value: journey.scenarioId },
            { key: keys.scenarioVersionId, value: journey.scenarioVersionId },
            { key: keys.profileId, value: journey.profileId },
          ]),
        }),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
