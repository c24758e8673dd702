import nodemailer from 'nodemailer';
import { type ComposedEmail } from './compose-email';

export interface Mailer {
  send(email: ComposedEmail): Promise<{ providerMessageId: string }>;
  close(): void;
}

export interface SmtpPoolOptions {
  /** Messages per second across the pool (the provider's sending rate). */
  ratePerSecond: number;
  /** Connections kept open at once. */
  maxConnections?: number;
  /** Messages per connection before it is recycled. */
  maxMessages?: number;
}

/** A pooled SMTP transport, rate-limited to what the provider accepts. */
export function createSmtpMailer(smtpUrl: string, pool: SmtpPoolOptions | number): Mailer {
  const {
    ratePerSecond,
    maxConnections = 5,
    maxMessages = 100,
  } = typeof pool === 'number' ? { ratePerSecond: pool } : pool;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections,
    maxMessages,
    rateDelta: 1_000,
    rateLimit: ratePerSecond,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      const info = await transport.sendMail(email);
      return { providerMessageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

interface SmtpError {
  code?: string;
  command?: string;
  responseCode?: number;
}

export type SmtpFailure = 'permanent' | 'retryable' | 'in_doubt';

/**
 * What an SMTP failure means for the message: the server answered with a 5xx (never retry), it
 * refused before taking the message (4xx, or no connection: safe to retry), or the exchange broke
 * off while the message was in flight (it may have been accepted: never send again).
 */
export function classifySmtpFailure(error: unknown): SmtpFailure {
  const { code, command, responseCode } = (error ?? {}) as SmtpError;
  if (responseCode !== undefined) return responseCode >= 500 ? 'permanent' : 'retryable';
  if (command === 'CONN' || ['EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'ECONFIG'].includes(code ?? '')) {
    return 'retryable';
  }
  return 'in_doubt';
}
