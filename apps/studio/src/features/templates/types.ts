// View types of `/templates` (apps/api/src/templates), and the editor's draft of a content.

export const TEMPLATE_CHANNELS = ['email', 'sms', 'push'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

export interface EmailContent {
  channel: 'email';
  subject: string;
  preheader?: string;
  html?: string;
  mjml?: string;
  text?: string;
  fromName?: string;
  fromEmail?: string;
  replyTo?: string;
}
export interface SmsContent {
  channel: 'sms';
  body: string;
}
export interface PushContent {
  channel: 'push';
  title: string;
  body: string;
  icon?: string;
  url?: string;
}
export type TemplateContent = EmailContent | SmsContent | PushContent;

export interface Template {
  id: string;
  name: string;
  channel: TemplateChannel;
  /** The latest version (or the one asked for). */
  version: number;
  content: TemplateContent;
  compiledHtml: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /templates/preview`: the message as one customer would get it. */
export type RenderedMessage =
  | { channel: 'email'; subject: string; preheader?: string; html?: string; text?: string }
  | { channel: 'sms'; body: string }
  | { channel: 'push'; title: string; body: string; icon?: string; url?: string };

/** `POST /sms/segments`. */
export interface SmsSegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  characters: number;
  units: number;
  segments: number;
  unitsPerSegment: number;
}
