// The tokens of open pixels, click redirects and unsubscribe links: what they are about (the
// message ledger id, the action, the one URL a click may go to) and a MAC over exactly that, so a
// token cannot be forged, pointed at another message or another URL. Pure: the caller brings the
// MAC (HMAC-SHA256 with the deployment's secret); the worker signs, the API verifies.

export type TrackingAction = 'open' | 'click' | 'unsubscribe';

export interface TrackingClaim {
  messageId: string;
  action: TrackingAction;
  /** The destination of a click: the only URL its redirect may go to. */
  url?: string;
}

/** Returns the MAC of `data` as bytes (at least 16 are used). */
export type TrackingMac = (data: string) => Uint8Array;

const VERSION = 'v1';
const ACTION_CODES: Record<TrackingAction, string> = { open: 'o', click: 'c', unsubscribe: 'u' };
const ACTIONS_BY_CODE = new Map(Object.entries(ACTION_CODES).map(([action, code]) => [code, action]));
const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Longer tokens are refused before any work (a click URL is at most 2 048 characters). */
export const MAX_TRACKING_TOKEN_LENGTH = 3_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Compares in time independent of where the first difference is. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

const signed = (payload: string) => `parcours-tracking.${VERSION}.${payload}`;

export function encodeTrackingToken(claim: TrackingClaim, mac: TrackingMac): string {
  const fields = [
    claim.messageId,
    ACTION_CODES[claim.action],
    ...(claim.url !== undefined ? [claim.url] : []),
  ];
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(fields)));
  return `${payload}.${toBase64Url(mac(signed(payload)).subarray(0, MAC_BYTES))}`;
}

/** The claim of a genuine token, or null for anything forged, altered, truncated or malformed. */
export function decodeTrackingToken(token: string, mac: TrackingMac): TrackingClaim | null {
  if (typeof token !== 'string' || token.length > MAX_TRACKING_TOKEN_LENGTH) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const given = fromBase64Url(signature);
  if (!given || !sameBytes(given, mac(signed(payload)).subarray(0, MAC_BYTES))) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || fields.length < 2 || fields.length > 3) return null;
  const [messageId, code, url] = fields as unknown[];
  const action = ACTIONS_BY_CODE.get(String(code)) as TrackingAction | undefined;
  if (typeof messageId !== 'string' || !UUID.test(messageId) || !action) return null;
  if (action === 'click') return typeof url === 'string' ? { messageId, action, url } : null;
  return fields.length === 2 ? { messageId, action } : null;
}

/**
 * The secret tracking links are signed with: `TRACKING_SECRET` (at least 32 characters), shared
 * by the API and the worker. Unset, a fixed development secret is used, except in production
 * (`NODE_ENV=production`), where starting without one is refused: anyone could forge links.
 */
export function resolveTrackingSecret(configured: string | undefined, nodeEnv: string | undefined): string {
  if (configured) {
    if (configured.length < 32) throw new Error('TRACKING_SECRET must be at least 32 characters');
    return configured;
  }
  if (nodeEnv === 'production') {
    throw new Error('TRACKING_SECRET is required in production (at least 32 random characters)');
  }
  return 'parcours-development-tracking-secret-not-for-production';
}
