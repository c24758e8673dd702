import { type DemoEvent, HISTORY_DAYS, DAY_MS } from './demo-customer';

interface PendingEvent {
  name: string;
  properties: Record<string, unknown>;
  at: number;
}

/**
 * A customer's events as they are drawn (not in time order), turned into a history: within the
 * window (two years back to `now`, nothing in the future), oldest first, each with a
 * deterministic message id.
 */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const dayNames = new Map<number, string>();

/**
 * `Date#toISOString` of a whole second, several times faster (a data set has millions of them):
 * the day's part is cached, the time of day assembled from a table.
 */
function isoSecond(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = dayNames.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size < 100_000) dayNames.set(day, date);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  const h = TWO_DIGITS[Math.floor(seconds / 3600)];
  return `${date}T${h}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}.000Z`;
}

export class EventTimeline {
  private readonly pending: PendingEvent[] = [];
  readonly since: number;

  constructor(
    readonly now: number,
    private readonly messageIdPrefix: string,
  ) {
    this.since = now - HISTORY_DAYS * DAY_MS;
  }

  /** Whole seconds, as trackers send them; events outside the window are dropped. */
  add(name: string, at: number, properties: Record<string, unknown> = {}): void {
    const second = Math.floor(at / 1000) * 1000;
    if (second >= this.since && second < this.now) this.pending.push({ name, properties, at: second });
  }

  events(): DemoEvent[] {
    // Array#sort is stable: events at the same second keep the order they were drawn in.
    return this.pending
      .sort((a, b) => a.at - b.at)
      .map((event, n) => ({
        name: event.name,
        properties: event.properties,
        timestamp: isoSecond(event.at),
        messageId: `${this.messageIdPrefix}-${n}`,
      }));
  }
}

/** An amount in euros, to the cent. */
export const toCents = (amount: number) => Math.round(amount * 100) / 100;
