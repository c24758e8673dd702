import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import webpush from 'web-push';

/** Each workspace's VAPID key pair, made on first demand and never changed (see the migration). */
@Injectable()
export class VapidKeysRepository {
  private readonly publicKeys = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  /** The public key browsers subscribe with (`applicationServerKey`), unpadded base64url. */
  async publicKey(workspaceId: string): Promise<string> {
    const known =
      this.publicKeys.get(workspaceId) ??
      (await this.stored(workspaceId)) ??
      (await this.create(workspaceId));
    this.publicKeys.set(workspaceId, known);
    return known;
  }

  private async stored(workspaceId: string): Promise<string | null> {
    const [row]: { public_key: string }[] = await this.dataSource.query(
      `SELECT public_key FROM workspace_vapid_keys WHERE workspace_id = $1`,
      [workspaceId],
    );
    return row?.public_key ?? null;
  }

  /** Two first requests at once may both generate a pair: the first stored wins, for both. */
  private async create(workspaceId: string): Promise<string> {
    const pair = webpush.generateVAPIDKeys();
    await this.dataSource.query(
      `INSERT INTO workspace_vapid_keys (workspace_id, public_key, private_key) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id) DO NOTHING`,
      [workspaceId, pair.publicKey, pair.privateKey],
    );
    const stored = await this.stored(workspaceId);
    if (!stored) throw new Error(`The VAPID keys of workspace ${workspaceId} could not be stored`);
    return stored;
  }
}
