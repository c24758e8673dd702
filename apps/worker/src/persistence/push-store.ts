import { type Pool } from 'pg';

export interface StoredPushSubscription {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface VapidKeyPair {
  publicKey: string;
  privateKey: string;
}

/** A customer keeps a subscription per browser; beyond this many, the most recently seen ones. */
const MAX_SUBSCRIPTIONS_PER_SEND = 20;

/** Browsers' push subscriptions (registered through the API) and each workspace's VAPID keys. */
export class PushStore {
  /** Never change once made (browsers subscribed with the public key): read once per workspace. */
  private readonly vapidKeysByWorkspace = new Map<string, VapidKeyPair>();

  constructor(private readonly pool: Pool) {}

  /** The profile's subscriptions that have not expired. */
  async subscriptions(profileId: string): Promise<StoredPushSubscription[]> {
    const { rows } = await this.pool.query(
      `SELECT id, endpoint, p256dh, auth FROM push_subscriptions
       WHERE profile_id = $1 AND (expires_at IS NULL OR expires_at > now())
       ORDER BY last_seen_at DESC, id LIMIT ${MAX_SUBSCRIPTIONS_PER_SEND}`,
      [profileId],
    );
    return rows;
  }

  /** The push service says the subscription is gone (404/410): the browser unsubscribed or expired. */
  async forget(subscriptionId: string): Promise<void> {
    await this.pool.query(`DELETE FROM push_subscriptions WHERE id = $1`, [subscriptionId]);
  }

  /** Null until the API has made them (the first time a page asked for the public key). */
  async vapidKeys(workspaceId: string): Promise<VapidKeyPair | null> {
    const known = this.vapidKeysByWorkspace.get(workspaceId);
    if (known) return known;
    const { rows } = await this.pool.query(
      `SELECT public_key AS "publicKey", private_key AS "privateKey" FROM workspace_vapid_keys
       WHERE workspace_id = $1`,
      [workspaceId],
    );
    const keys: VapidKeyPair | undefined = rows[0];
    if (keys) this.vapidKeysByWorkspace.set(workspaceId, keys);
    return keys ?? null;
  }
}
