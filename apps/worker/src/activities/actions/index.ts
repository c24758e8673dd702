import { type ActionHandler } from './action-handler';
import { sendEmailAction } from './send-email.action';

/** Node type → runtime, for every action node this worker can run. */
export const actionHandlers: Readonly<Record<string, ActionHandler>> = {
  'send.email': sendEmailAction,
};

export type { ActionDependencies, ActionHandler, ActionInput, ActionResult } from './action-handler';
