import { randomUUID } from 'node:crypto';
import { type apiClient } from './apps';

const DAY_MS = 86_400_000;

/** Posts one track call (a fresh messageId) that occurred `daysAgo` days ago; throws unless it is a 200. */
export async function trackEvent(
  ingest: ReturnType<typeof apiClient>,
  userId: string,
  event: string,
  properties: Record<string, unknown> = {},
  daysAgo = 0,
): Promise<void> {
  const timestamp = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  const res = await ingest('POST', '/v1/track', {
    userId,
    event,
    properties,
    timestamp,
    messageId: randomUUID(),
  });
  if (res.status !== 200)
    throw new Error(`track ${event} for ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
}
