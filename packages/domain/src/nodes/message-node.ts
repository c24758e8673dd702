// What the send nodes (email, SMS, push) share: message category, failure policy, and how the
// engine's send outcome maps to the journey's next move, where the content comes from.
import { z } from 'zod';
import {
  type MessageTemplateContent,
  messageTemplateIssues,
  type PinnedTemplate,
  type TemplateReference,
} from '../templates/message-template';
import type { NodeConfigIssue } from './define-node';
import type { NodeExecutionContext, NodeExecutionResult, SendOutcome } from './node-execution';

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

/**
 * A send node's content problems: a saved template (`template`) or inline fields, never both;
 * without a template the `required` fields must be there, and the inline content is checked as a
 * saved template's would be (Liquid syntax with line and column). `labels` names the inline fields.
 */
export function sendContentIssues(
  config: { template?: TemplateReference } & Record<string, unknown>,
  labels: Readonly<Record<string, string>>,
  required: readonly string[],
  inline: () => MessageTemplateContent,
): NodeConfigIssue[] {
  const label = (field: string | number) => labels[String(field)] ?? String(field);
  if (config.template) {
    return Object.keys(labels)
      .filter((field) => config[field] !== undefined)
      .map((field) => ({
        path: [field],
        message: `${label(field)}: give either a template or inline content, not both`,
      }));
  }
  const missing = required.filter((field) => config[field] === undefined);
  if (missing.length > 0) {
    return missing.map((field) => ({
      path: [field],
      message: `${label(field)}: required without a template`,
    }));
  }
  return messageTemplateIssues(inline()).map((issue) => ({
    path: issue.path,
    message: `${label(issue.path[0])}: template error at ${issue.message}`,
  }));
}

/**
 * What a send node sends: the version of its saved template pinned at publish (null when it is
 * gone or of another channel), or its inline content.
 */
export async function sendContent(
  ctx: NodeExecutionContext,
  reference: TemplateReference | undefined,
  inline: () => MessageTemplateContent,
): Promise<Pick<PinnedTemplate, 'content' | 'compiledHtml'> | null> {
  if (!reference) return { content: inline() };
  const template = await ctx.messageTemplate(reference);
  return template?.content.channel === inline().channel ? template : null;
}
