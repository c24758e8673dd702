import {
  defineNode,
  HttpRequestError,
  type HttpResponse,
  type NodeExecutionContext,
  PermanentNodeError,
} from '@parcours/domain';
import { z } from 'zod';

export const addLoyaltyPointsConfigSchema = z.object({
  apiUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .default('https://loyalty.example.com/api')
    .meta({ title: 'Loyalty API URL' }),
  points: z.int().min(1).max(1_000_000).default(100).meta({ title: 'Points' }),
  reason: z.string().min(1).max(200).default('journey').meta({ title: 'Reason' }),
});

export type AddLoyaltyPointsConfig = z.output<typeof addLoyaltyPointsConfigSchema>;

/** The loyalty API asks to come back later (besides any 5xx). */
const RETRYABLE_STATUSES = new Set([408, 429]);

/**
 * `POST {apiUrl}/customers/{id}/points`. Throws a plain error for what another attempt may fix
 * (5xx, timeout, network) and a `PermanentNodeError` for what it cannot (4xx, refused address).
 * Resolves with the customer's new balance when the API gives it.
 */
async function addPoints(
  ctx: NodeExecutionContext,
  config: AddLoyaltyPointsConfig,
  customerId: string,
): Promise<number | null> {
  let response: HttpResponse;
  try {
    response = await ctx.http.request({
      method: 'POST',
      url: `${config.apiUrl.replace(/\/+$/, '')}/customers/${encodeURIComponent(customerId)}/points`,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${ctx.secret('LOYALTY_API_KEY')}`,
        // The same key on every attempt: the loyalty API applies a retried request once.
        'Idempotency-Key': ctx.idempotencyKey,
      },
      body: JSON.stringify({ points: config.points, reason: config.reason }),
      timeoutMs: 10_000,
    });
  } catch (error) {
    if (error instanceof HttpRequestError && !error.retryable) {
      throw new PermanentNodeError(`The loyalty API was not called: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const { status } = response;
  if (status >= 500 || RETRYABLE_STATUSES.has(status)) {
    ctx.logger.warn('The loyalty API is unavailable; the step will be retried', { status });
    throw new Error(`The loyalty API answered ${status}`);
  }
  if (status < 200 || status >= 300) {
    throw new PermanentNodeError(`The loyalty API refused: ${status} ${response.body.slice(0, 200)}`);
  }
  try {
    const { balance } = JSON.parse(response.body) as { balance?: unknown };
    return typeof balance === 'number' ? balance : null;
  } catch {
    return null; // added all the same; the balance is a bonus
  }
}

export const addLoyaltyPointsNode = defineNode({
  type: 'acme.loyalty.add-points',
  version: 1,
  title: 'Add loyalty points',
  description:
    "Credits points to the customer's loyalty account (by user id, else profile id) and saves the " +
    'new balance in the `loyaltyPoints` trait; a refusal of the loyalty API follows `failed`.',
  category: 'actions',
  icon: 'star',
  kind: 'action',
  configSchema: addLoyaltyPointsConfigSchema,
  defaultConfig: { apiUrl: 'https://loyalty.example.com/api', points: 100, reason: 'journey' },
  ports: () => ['added', 'failed'],
  errorPort: 'failed',
  timeoutSeconds: 30,
  retry: { maxAttempts: 5, initialIntervalSeconds: 1, maximumIntervalSeconds: 60 },
  secrets: ['LOYALTY_API_KEY'],
  async execute(ctx, config) {
    const profile = await ctx.profile();
    if (!profile) return { port: 'failed', outcome: 'failed:no_profile' };
    // No `recordedEffect` needed: the loyalty API applies a retried request (same key) once.
    const balance = await addPoints(ctx, config, profile.userId ?? profile.id);
    if (balance !== null) await ctx.updateProfile({ set: { loyaltyPoints: balance } });
    return { port: 'added', outcome: 'added', variables: { loyaltyPoints: balance } };
  },
});
