export type DemoBrand = 'miaoum' | 'zoro';

/** One tracked event of a demo customer's history. */
export interface DemoEvent {
  name: string;
  properties: Record<string, unknown>;
  /** ISO 8601, never after the generator's `now`. */
  timestamp: string;
  /** Deterministic: the same run gives the same ids, so loading it again stores nothing twice. */
  messageId: string;
}

export type DemoConsentStatus = 'granted' | 'revoked';

export interface DemoCustomer {
  userId: string;
  email: string | null;
  phone: string | null;
  traits: Record<string, unknown>;
  /** No key: the customer never said (not contactable on that channel). */
  consents: Partial<Record<'email' | 'sms', DemoConsentStatus>>;
  /** Oldest first. */
  events: DemoEvent[];
}

export interface DemoOptions {
  brand: DemoBrand;
  count: number;
  seed: number;
  now: Date;
}

export const DAY_MS = 86_400_000;
/** How far back a history goes. */
export const HISTORY_DAYS = 730;

/** What every customer of a run shares; `now` in epoch milliseconds. */
export interface CustomerContext {
  now: number;
  seed: number;
}
