import { type EmailSender, emailSenderSchema } from '@parcours/domain';
import { type Pool } from 'pg';

const SENDER_CACHE_MS = 30_000;

/** Each workspace's sender identity and email suppression list, as sends need them. */
export class EmailStore {
  private readonly senders = new Map<string, { sender: EmailSender; until: number }>();

  constructor(private readonly pool: Pool) {}

  /** Read at most every 30 s per workspace: a change of identity applies within that. */
  async sender(workspaceId: string): Promise<EmailSender> {
    const cached = this.senders.get(workspaceId);
    if (cached && cached.until > Date.now()) return cached.sender;
    const { rows } = await this.pool.query(`SELECT email_sender FROM workspaces WHERE id = $1`, [
      workspaceId,
    ]);
    const parsed = emailSenderSchema.safeParse(rows[0]?.email_sender ?? {});
    const sender = parsed.success ? parsed.data : {};
    this.senders.set(workspaceId, { sender, until: Date.now() + SENDER_CACHE_MS });
    return sender;
  }

  /** Why the address must not be mailed (`hard_bounce`, `complaint`, `manual`), or null. */
  async suppression(workspaceId: string, address: string): Promise<string | null> {
    const { rows } = await this.pool.query(
      `SELECT reason FROM email_suppressions WHERE workspace_id = $1 AND address_hash = parcours_address_hash($2)`,
      [workspaceId, address],
    );
    return rows[0]?.reason ?? null;
  }
}
