import type { EmailContent, TemplateChannel, TemplateContent } from './types';

/** A new template's content: valid as it is, and showing how Liquid reaches the customer. */
export function defaultContent(channel: TemplateChannel): TemplateContent {
  switch (channel) {
    case 'email':
      return {
        channel,
        subject: 'Hello {{ profile.firstName | default: "there" }}',
        mjml: [
          '<mjml>',
          '  <mj-body>',
          '    <mj-section>',
          '      <mj-column>',
          '        <mj-text>Hello {{ profile.firstName | default: "there" }},</mj-text>',
          '      </mj-column>',
          '    </mj-section>',
          '  </mj-body>',
          '</mjml>',
        ].join('\n'),
      };
    case 'sms':
      return { channel, body: 'Hello {{ profile.firstName | default: "there" }}!' };
    case 'push':
      return {
        channel,
        title: 'Hello {{ profile.firstName | default: "there" }}',
        body: 'We have news for you.',
      };
  }
}

export type BodyFormat = 'mjml' | 'html';

export function bodyFormatOf(content: EmailContent): BodyFormat {
  return content.html !== undefined && content.mjml === undefined ? 'html' : 'mjml';
}

/**
 * The email as the API takes it from the editor's fields: the body under its format's key only,
 * and optional fields left out when empty (an empty sender would be refused, not ignored).
 */
export function emailContent(
  fields: Record<keyof Omit<EmailContent, 'channel' | 'html' | 'mjml'> | 'body', string>,
  format: BodyFormat,
): EmailContent {
  const optional = (key: 'preheader' | 'text' | 'fromName' | 'fromEmail' | 'replyTo') =>
    fields[key].trim() ? { [key]: fields[key] } : {};
  return {
    channel: 'email',
    subject: fields.subject,
    ...optional('preheader'),
    ...(fields.body.trim() ? { [format]: fields.body } : {}),
    ...optional('text'),
    ...optional('fromName'),
    ...optional('fromEmail'),
    ...optional('replyTo'),
  };
}

export interface FieldProblem {
  message: string;
  /** 1-based, when the API said where (Liquid and MJML errors). */
  line?: number;
  column?: number;
}

const POSITION = /^line (\d+)(?:, column (\d+))?: /;

/**
 * The API's field errors (`content.html`, `content.mjml`, `name`…) by editor field: `html` and
 * `mjml` are both the body; a render failure (`content`) belongs to the body too. Line and column
 * are read from the message the validator writes ("line 2, column 3: …").
 */
export function fieldProblems(fields: Record<string, string> | undefined): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    const key = path.replace(/^content\.?/, '');
    const field = key === '' || key === 'html' || key === 'mjml' ? 'body' : key.split('.')[0];
    const position = POSITION.exec(message);
    const problem: FieldProblem = position
      ? { message, line: Number(position[1]), ...(position[2] ? { column: Number(position[2]) } : {}) }
      : { message };
    problems[field] ??= problem;
  }
  return problems;
}

/** Where a 1-based line and column start in a text (clamped to it), to put the caret there. */
export function offsetOf(text: string, line: number, column = 1): number {
  const lines = text.split('\n');
  const row = Math.min(Math.max(line, 1), lines.length);
  const before = lines.slice(0, row - 1).reduce((sum, l) => sum + l.length + 1, 0);
  return before + Math.min(Math.max(column - 1, 0), lines[row - 1].length);
}
