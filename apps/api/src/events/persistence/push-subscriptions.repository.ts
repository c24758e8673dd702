import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface PushSubscriptionToSave {
  endpoint: string;
  p256dh: string;
  auth: string;
  expiresAt: Date | null;
  userAgent: string | null;
}

/** Browsers' Web Push subscriptions: one row per endpoint and workspace, owned by one profile. */
@Injectable()
export class PushSubscriptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Registers the endpoint for the profile, taking it over (with fresh keys) if another had it. */
  async save(
    manager: EntityManager,
    workspaceId: string,
    profileId: string,
    subscription: PushSubscriptionToSave,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO push_subscriptions (workspace_id, profile_id, endpoint, p256dh, auth, expires_at, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (workspace_id, endpoint) DO UPDATE
       SET profile_id = EXCLUDED.profile_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
           expires_at = EXCLUDED.expires_at, user_agent = EXCLUDED.user_agent, last_seen_at = now()`,
      [
        workspaceId,
        profileId,
        subscription.endpoint,
        subscription.p256dh,
        subscription.auth,
        subscription.expiresAt,
        subscription.userAgent,
      ],
    );
  }

  /** Returns whether there was such a subscription. */
  async remove(workspaceId: string, endpoint: string): Promise<boolean> {
    const [, removed]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM push_subscriptions WHERE workspace_id = $1 AND endpoint = $2`,
      [workspaceId, endpoint],
    );
    return removed > 0;
  }
}
