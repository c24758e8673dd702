// What the send nodes (email, SMS, push) share: message category, failure policy, and how the
// engine's send outcome maps to the journey's next move.
import { z } from 'zod';
import type { NodeExecutionResult, SendOutcome } from './node-execution';

export const messageCategorySchema = z.enum(['marketing', 'transactional']).default('marketing').meta({
  title: 'Message type',
  description: 'Transactional messages bypass frequency caps and quiet hours',
});

export const failurePolicySchema = z
  .enum(['continue', 'exit'])
  .default('continue')
  .meta({ title: 'If sending fails', description: 'Continue the journey, or end it' });

/** Sent, skipped or failed-and-continue follow `out`; deferred comes back later; failed-and-exit ends. */
export function sendOutcomeResult(outcome: SendOutcome, onFailure: 'continue' | 'exit'): NodeExecutionResult {
  switch (outcome.status) {
    case 'sent':
      return { port: 'out', outcome: 'sent' };
    case 'skipped':
      return { port: 'out', outcome: `skipped:${outcome.reason}` };
    case 'deferred':
      return { deferUntil: outcome.until, outcome: `deferred:${outcome.reason}` };
    case 'failed':
      return onFailure === 'exit'
        ? { exit: 'send_failed', outcome: `failed:${outcome.reason}` }
        : { port: 'out', outcome: `failed:${outcome.reason}` };
  }
}
