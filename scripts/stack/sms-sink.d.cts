import type { SmsSegmentCount } from '@parcours/domain';

/** A text the sink was given (`outbound-api`) or a reply sent from its page (`inbound`). */
export interface SinkText {
  sid: string;
  direction: 'outbound-api' | 'inbound';
  from: string;
  to: string;
  messagingServiceSid?: string | null;
  body: string;
  segments: SmsSegmentCount;
  status: 'queued' | 'sent' | 'delivered' | 'received';
  dateCreated: string;
  statusCallback?: string | null;
  /** Each status callback posted and what it got (`HTTP 200`, `failed: ECONNREFUSED`). */
  callbacks?: { status: 'sent' | 'delivered'; answer: string }[];
  /** For a reply: where it was posted and what it got. */
  webhook?: { workspace: string; url: string; answer: string };
}

export interface SmsSink {
  /** The Twilio API base URL (for TWILIO_API_BASE_URL) and the viewer. */
  url: string;
  accountSid: string;
  authToken: string;
  fromNumber: string;
  env: {
    TWILIO_ACCOUNT_SID: string;
    TWILIO_AUTH_TOKEN: string;
    TWILIO_FROM_NUMBER: string;
    TWILIO_API_BASE_URL: string;
  };
  /** Live, newest first. */
  messages: SinkText[];
  addInboundWorkspace(name: string, workspaceId: string): void;
  stop(): Promise<void>;
}

export declare function startSmsSink(options?: {
  port?: number;
  publicApiUrl?: string;
  callbackDelayMs?: number;
}): Promise<SmsSink>;
