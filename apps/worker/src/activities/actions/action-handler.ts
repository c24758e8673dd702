import { type JourneyContext, type JourneyStep } from '@parcours/domain/journey';
import { type Mailer } from '../../email/smtp-mailer';
import { type MessageLedger } from '../../persistence/message-ledger';
import { type ProfileStore } from '../../persistence/profile-store';

export interface ActionInput {
  context: JourneyContext;
  step: JourneyStep;
  index: number;
}

/** What every action runs with; built once per worker. */
export interface ActionDependencies {
  profiles: ProfileStore;
  ledger: MessageLedger;
  mailer: Mailer;
  emailFrom: string;
}

export interface ActionResult {
  /** Output port to follow. */
  port: string;
  /** Recorded on the journey step (e.g. `sent`, `skipped:no_email_consent`). */
  outcome: string;
}

/** The runtime half of an action node type (its definition lives in @parcours/domain). */
export type ActionHandler = (input: ActionInput, deps: ActionDependencies) => Promise<ActionResult>;
