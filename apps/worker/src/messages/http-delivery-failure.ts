import { DeliveryError } from './channel-provider';

/** Failures that happen before any byte of the request left: the provider never saw the message. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** `Retry-After` (seconds or an HTTP date) in milliseconds, if the provider sent a usable one. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1_000);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * What an HTTP provider's answer means for the message: throttled (429, after its Retry-After) or
 * failing on its side (5xx) may be asked again; any other 4xx refuses this message for good.
 */
export function httpStatusFailure(status: number, detail: string, retryAfter?: unknown): DeliveryError {
  const message = `HTTP ${status}: ${detail}`.slice(0, 500);
  if (status === 429) return new DeliveryError('retryable', message, retryAfterMs(retryAfter));
  if (status >= 500) return new DeliveryError('retryable', message);
  return new DeliveryError('permanent', message);
}

/**
 * A request that got no answer: not connected (refused, unknown host, bad certificate) is safe
 * to retry; anything later (a timeout, a reset) may have reached the provider: in doubt.
 */
export function networkFailure(error: unknown): DeliveryError {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  const message = (error as Error | undefined)?.message ?? String(error);
  return NOT_CONNECTED.has(code ?? '') || NOT_CONNECTED.has(cause?.code ?? '')
    ? new DeliveryError('retryable', message)
    : new DeliveryError('in_doubt', message);
}
