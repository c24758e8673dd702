import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { OUTBOX_CHANNEL } from '../../events/outbox';
import { ProfileResolver } from '../../profiles/identity/profile-resolver.service';
import { type EventRow } from '../mapping/map-row';
import { BatchProfileResolver } from './batch-profile-resolver';
import { uuidV7 } from '../../database/uuid-v7';

/**
 * Writes a batch of event rows with multi-row statements. Every event has a message id (the
 * file's, or one derived from the file's hash and the row number), claimed in the de-duplication
 * table first: a row already stored by an earlier run, or sent live, is skipped, never doubled.
 */
@Injectable()
export class EventBatchWriter {
  constructor(
    private readonly batchResolver: BatchProfileResolver,
    private readonly resolver: ProfileResolver,
  ) {}

  /**
   * Returns how many rows were skipped as already stored. `options.locked` is called once the batch
   * holds every lock it will need: message ids claimed, profiles planned (unless some rows go
   * through the resolver, which may merge: then only at the end).
   */
  async write(
    manager: EntityManager,
    workspaceId: string,
    rows: EventRow[],
    options: { trigger: boolean; locked?: () => void },
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const byMessageId = new Map<string, { row: EventRow; eventId: string }>();
    for (const row of rows) {
      if (!byMessageId.has(row.messageId)) byMessageId.set(row.messageId, { row, eventId: uuidV7() });
    }
    const entries = [...byMessageId.values()];
    const claimed: { event_id: string }[] = await manager.query(
      `INSERT INTO event_message_ids (workspace_id, message_key, event_id)
       SELECT $1, parcours_message_key(message_id), event_id
       FROM unnest($2::text[], $3::uuid[]) AS t(message_id, event_id)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [workspaceId, [...byMessageId.keys()], entries.map((e) => e.eventId)],
    );
    const claimedIds = new Set(claimed.map((c) => c.event_id));
    const fresh = entries.filter((e) => claimedIds.has(e.eventId));
    if (fresh.length === 0) return rows.length;

    const plan = await this.batchResolver.plan(
      manager,
      workspaceId,
      fresh.map((f) => f.row),
      'share',
    );
    if (!plan.targets.includes(null)) options.locked?.();
    await this.batchResolver.apply(manager, workspaceId, plan);
    const profileIds: string[] = [];
    for (const [index, { row }] of fresh.entries()) {
      profileIds.push(
        plan.targets[index] ?? (await this.resolver.resolve(manager, workspaceId, row.identities)).profileId,
      );
    }

    await manager.query(
      `INSERT INTO events (id, workspace_id, profile_id, type, name, properties, context, message_id, occurred_at)
       SELECT id, $1, profile_id, type, name, properties, context, message_id, COALESCE(occurred_at, now())
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::timestamptz[])
         AS t(id, profile_id, type, name, properties, context, message_id, occurred_at)`,
      [
        workspaceId,
        fresh.map((f) => f.eventId),
        profileIds,
        fresh.map((f) => f.row.type),
        fresh.map((f) => f.row.name),
        fresh.map((f) => JSON.stringify(f.row.properties)),
        fresh.map((f) => (f.row.context ? JSON.stringify(f.row.context) : null)),
        fresh.map((f) => f.row.messageId),
        fresh.map((f) => f.row.timestamp),
      ],
    );
    if (options.trigger) {
      await manager.query(`INSERT INTO event_outbox (event_id, workspace_id) SELECT unnest($1::uuid[]), $2`, [
        fresh.map((f) => f.eventId),
        workspaceId,
      ]);
      await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    }
    return rows.length - fresh.length;
  }
}
