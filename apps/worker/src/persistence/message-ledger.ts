import { type Pool } from 'pg';

export type LedgerStatus = 'sending' | 'sent' | 'failed' | 'skipped';

export interface LedgerKey {
  workspaceId: string;
  journeyId: string;
  nodeId: string;
  profileId: string;
  channel: 'email' | 'sms' | 'push';
}

export type Claim =
  /** This attempt owns the send. */
  | { kind: 'claimed'; id: string }
  /** An earlier attempt finished (sent, failed or skipped): nothing to do. */
  | { kind: 'done'; status: Exclude<LedgerStatus, 'sending'> }
  /** An earlier attempt claimed it and vanished mid-send: it may have gone out, so it must not again. */
  | { kind: 'in_doubt'; id: string }
  /** The profile was erased or the journey ended meanwhile: nothing may be sent. */
  | { kind: 'refused' };

/**
 * One row per journey + node, claimed before the provider is called. This is what makes a send
 * happen at most once whatever crashes, retries or replays: only the attempt that inserted the row
 * may talk to the provider.
 */
export class MessageLedger {
  constructor(private readonly pool: Pool) {}

  async claim(key: LedgerKey, recipient: string): Promise<Claim> {
    // Claimed only while the customer (or the survivor of a merge) still exists unerased and the
    // journey is still running; the share lock makes a concurrent erase wait for, or win over, it.
    const inserted = await this.pool.query(
      `INSERT INTO message_ledger (workspace_id, journey_id, node_id, profile_id, channel, status, recipient)
       SELECT $1, $2, $3, p.id, $5, 'sending', $6
       FROM profiles m JOIN profiles p ON p.id = COALESCE(m.merged_into, m.id)
       WHERE m.id = $4 AND p.erased_at IS NULL
         AND EXISTS (SELECT 1 FROM journeys j WHERE j.id = $2 AND j.status IN ('pending', 'running'))
       FOR SHARE OF p
       ON CONFLICT (journey_id, node_id) DO NOTHING
       RETURNING id`,
      [key.workspaceId, key.journeyId, key.nodeId, key.profileId, key.channel, recipient],
    );
    if (inserted.rows[0]) return { kind: 'claimed', id: inserted.rows[0].id };
    const { rows } = await this.pool.query(
      `UPDATE message_ledger SET attempts = attempts + 1, updated_at = now()
       WHERE journey_id = $1 AND node_id = $2 RETURNING id, status`,
      [key.journeyId, key.nodeId],
    );
    const existing = rows[0] as { id: string; status: LedgerStatus } | undefined;
    if (!existing) return { kind: 'refused' };
    return existing.status === 'sending'
      ? { kind: 'in_doubt', id: existing.id }
      : { kind: 'done', status: existing.status };
  }

  /** Records a decision not to send (no consent, no address) so it is never revisited. */
  async skip(key: LedgerKey, reason: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO message_ledger (workspace_id, journey_id, node_id, profile_id, channel, status, reason)
       VALUES ($1, $2, $3, $4, $5, 'skipped', $6)
       ON CONFLICT (journey_id, node_id) DO NOTHING`,
      [key.workspaceId, key.journeyId, key.nodeId, key.profileId, key.channel, reason],
    );
  }

  async markSent(id: string, providerMessageId: string): Promise<void> {
    await this.pool.query(
      `UPDATE message_ledger SET status = 'sent', provider_message_id = $2, updated_at = now() WHERE id = $1`,
      [id, providerMessageId],
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE message_ledger SET status = 'failed', reason = $2, updated_at = now() WHERE id = $1`,
      [id, reason.slice(0, 1000)],
    );
  }

  /** The provider certainly did not take the message (refused before data): a retry may claim it. */
  async release(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM message_ledger WHERE id = $1 AND status = 'sending'`, [id]);
  }
}
