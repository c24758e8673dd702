import {
  capReleaseAt,
  deliveryEventStatement,
  type DeliveryEventName,
  type FrequencyCap,
  type MessageCategory,
  type MessageEngagement,
} from '@parcours/domain';
import { type Pool, type PoolClient } from 'pg';

export type LedgerStatus = 'sending' | 'sent' | 'failed' | 'skipped';
export type Channel = 'email' | 'sms' | 'push';

/** One send of one journey step: the unique key is journey + node + iteration. */
export interface LedgerKey {
  workspaceId: string;
  journeyId: string;
  nodeId: string;
  iteration: number;
  profileId: string;
  channel: Channel;
  category: MessageCategory;
}

export type Claim =
  /** This attempt owns the send. */
  | { kind: 'claimed'; id: string }
  /** An earlier attempt finished (sent, failed or skipped): nothing to do. */
  | { kind: 'done'; status: Exclude<LedgerStatus, 'sending'> }
  /** An earlier attempt claimed it and vanished mid-send: it may have gone out, so it must not again. */
  | { kind: 'in_doubt'; id: string }
  /** A frequency cap holds it back until `releaseAt`; nothing was claimed. */
  | { kind: 'capped'; releaseAt: Date }
  /** The profile was erased or the journey ended meanwhile: nothing may be sent. */
  | { kind: 'refused' };

const LONGEST_CAP_WINDOW = '7 days';

/**
 * One row per journey step send, claimed before the provider is called. This is what makes a send
 * happen at most once whatever crashes, retries or replays: only the attempt that inserted the row
 * may talk to the provider. Frequency caps are checked in the same transaction, under a lock per
 * customer and channel, so two scenarios sending at once cannot both slip under a cap.
 */
export class MessageLedger {
  constructor(private readonly pool: Pool) {}

  async claim(key: LedgerKey, recipient: string, at: Date, caps: readonly FrequencyCap[]): Promise<Claim> {
    return this.transaction((client) => this.claimIn(client, key, recipient, at, caps));
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The ledger's new status and its event on the customer's timeline (`message.sent`…) commit together. */
  private async settle(
    id: string,
    update: { text: string; values: unknown[] },
    event: DeliveryEventName,
    properties: Record<string, unknown>,
  ): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(update.text, update.values);
      const statement = deliveryEventStatement({ messageId: id, name: event, properties });
      await client.query(statement.text, statement.values);
    });
  }

  private async claimIn(
    client: PoolClient,
    key: LedgerKey,
    recipient: string,
    at: Date,
    caps: readonly FrequencyCap[],
  ): Promise<Claim> {
    const existing = await client.query(
      `UPDATE message_ledger SET attempts = attempts + 1, updated_at = now()
       WHERE journey_id = $1 AND node_id = $2 AND iteration = $3 RETURNING id, status`,
      [key.journeyId, key.nodeId, key.iteration],
    );
    if (existing.rows[0]) {
      const { id, status } = existing.rows[0] as { id: string; status: LedgerStatus };
      return status === 'sending' ? { kind: 'in_doubt', id } : { kind: 'done', status };
    }
    // Claimed only while the customer (or the survivor of a merge) still exists unerased and the
    // journey is still running; the share lock makes a concurrent erase wait for, or win over, it.
    const survivor = await client.query(
      `SELECT p.id FROM profiles m JOIN profiles p ON p.id = COALESCE(m.merged_into, m.id)
       WHERE m.id = $1 AND p.erased_at IS NULL
         AND EXISTS (SELECT 1 FROM journeys j WHERE j.id = $2 AND j.status IN ('pending', 'running'))
       FOR SHARE OF p`,
      [key.profileId, key.journeyId],
    );
    const profileId: string | undefined = survivor.rows[0]?.id;
    if (!profileId) return { kind: 'refused' };

    const binding = key.category === 'marketing' ? caps.filter((cap) => cap.channel === key.channel) : [];
    if (binding.length > 0) {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [
        `${profileId}:${key.channel}`,
      ]);
      const recent = await client.query(
        `SELECT created_at FROM message_ledger
         WHERE profile_id = $1 AND channel = $2 AND category = 'marketing' AND status IN ('sending', 'sent')
           AND created_at > $3::timestamptz - interval '${LONGEST_CAP_WINDOW}'`,
        [profileId, key.channel, at],
      );
      const releaseAt = capReleaseAt(
        binding,
        key.channel,
        recent.rows.map((r) => r.created_at as Date),
        at,
      );
      if (releaseAt) return { kind: 'capped', releaseAt };
    }
    const inserted = await client.query(
      `INSERT INTO message_ledger (workspace_id, journey_id, node_id, iteration, profile_id, channel, category,
                                   status, recipient, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'sending', $8, $9)
       ON CONFLICT (journey_id, node_id, iteration) DO NOTHING
       RETURNING id`,
      [
        key.workspaceId,
        key.journeyId,
        key.nodeId,
        key.iteration,
        profileId,
        key.channel,
        key.category,
        recipient,
        at,
      ],
    );
    // A concurrent attempt of the same step inserted first: it owns the send.
    return inserted.rows[0] ? { kind: 'claimed', id: inserted.rows[0].id } : { kind: 'in_doubt', id: '' };
  }

  /** Records a decision not to send (no consent, no address, a cap with `skip`) so it is never revisited. */
  async skip(key: LedgerKey, reason: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO message_ledger (workspace_id, journey_id, node_id, iteration, profile_id, channel, category,
                                   status, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'skipped', $8)
       ON CONFLICT (journey_id, node_id, iteration) DO NOTHING`,
      [
        key.workspaceId,
        key.journeyId,
        key.nodeId,
        key.iteration,
        key.profileId,
        key.channel,
        key.category,
        reason,
      ],
    );
  }

  /** Records that pressure rules held the send back until `until` (visible on the journey and in stats). */
  async recordDeferral(key: LedgerKey, reason: string, until: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO message_deferrals (workspace_id, journey_id, node_id, iteration, profile_id, channel, reason, until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [key.workspaceId, key.journeyId, key.nodeId, key.iteration, key.profileId, key.channel, reason, until],
    );
  }

  async markSent(id: string, providerMessageId: string): Promise<void> {
    await this.settle(
      id,
      {
        text: `UPDATE message_ledger SET status = 'sent', provider_message_id = $2, updated_at = now() WHERE id = $1`,
        values: [id, providerMessageId],
      },
      'message.sent',
      { providerMessageId },
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    const bounded = reason.slice(0, 1000);
    await this.settle(
      id,
      {
        text: `UPDATE message_ledger SET status = 'failed', reason = $2, updated_at = now() WHERE id = $1`,
        values: [id, bounded],
      },
      'message.failed',
      { reason: bounded },
    );
  }

  /** The provider certainly did not take the message (refused before data): a retry may claim it. */
  async release(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM message_ledger WHERE id = $1 AND status = 'sending'`, [id]);
  }

  /**
   * What became of the latest send of a node in this journey: sent per the ledger; delivered,
   * opened and clicked per the delivery events stored on the profile (`message.delivered`, …,
   * with `properties.messageId` = the ledger row id).
   */
  async engagement(journeyId: string, nodeId: string): Promise<MessageEngagement> {
    const { rows } = await this.pool.query(
      `SELECT l.status = 'sent' AS sent,
              EXISTS (SELECT 1 FROM events e WHERE e.profile_id = l.profile_id AND e.name = 'message.delivered'
                        AND e.properties->>'messageId' = l.id::text) AS delivered,
              EXISTS (SELECT 1 FROM events e WHERE e.profile_id = l.profile_id AND e.name = 'message.opened'
                        AND e.properties->>'messageId' = l.id::text) AS opened,
              EXISTS (SELECT 1 FROM events e WHERE e.profile_id = l.profile_id AND e.name = 'message.clicked'
                        AND e.properties->>'messageId' = l.id::text) AS clicked
       FROM message_ledger l WHERE l.journey_id = $1 AND l.node_id = $2
       ORDER BY l.iteration DESC LIMIT 1`,
      [journeyId, nodeId],
    );
    const row = rows[0] ?? { sent: false, delivered: false, opened: false, clicked: false };
    // A click implies an open, an open a delivery (tracking pixels are often blocked).
    return {
      sent: row.sent,
      delivered: row.delivered || row.opened || row.clicked,
      opened: row.opened || row.clicked,
      clicked: row.clicked,
    };
  }
}
