import { type SeededRandom } from './seeded-random';

export interface TrackingLinks {
  /** The open pixel's URL. */
  open: string | null;
  /** Tracked links (click redirects); never the unsubscribe link. */
  clicks: string[];
}

const TRACKED_URL = /(?:src|href)\s*=\s*["']([^"']+\/t\/([oc])\/[^"']+)["']/gi;

const decodeEntities = (url: string) => url.replace(/&amp;/g, '&');

/** The tracking URLs of an email as it was sent (its HTML). */
export function trackingLinks(html: string): TrackingLinks {
  const links: TrackingLinks = { open: null, clicks: [] };
  for (const [, url, action] of html.matchAll(TRACKED_URL)) {
    if (action === 'o') links.open ??= decodeEntities(url);
    else links.clicks.push(decodeEntities(url));
  }
  return links;
}

/** Shares of demo emails opened, and of opened ones clicked: a healthy newsletter's. */
export const OPEN_SHARE = 0.45;
export const CLICK_SHARE_OF_OPENS = 0.3;

/** Which URLs a reader of this email fetches: the pixel if they open it, one link if they click. */
export function readerFetches(random: SeededRandom, links: TrackingLinks): string[] {
  if (!links.open || !random.chance(OPEN_SHARE)) return [];
  if (links.clicks.length === 0 || !random.chance(CLICK_SHARE_OF_OPENS)) return [links.open];
  return [links.open, random.pick(links.clicks)];
}
