import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource, type EntityManager } from 'typeorm';
import { JourneyExits } from '../../../journeys/journey-exits.service';
import { ProfileLocks } from '../../persistence/profile-locks.service';
import { ProfileRecords } from '../../persistence/profile-records.repository';
import { type ProfileRef } from '../../refs/profile-ref';
import { ProfileRefs } from '../../refs/profile-refs.service';

export interface EraseProfileCommand {
  workspaceId: string;
  ref: ProfileRef;
}

interface JourneyRow {
  id: string;
  workflow_id: string;
  /** Was active and is now `exited` with reason `erased`. */
  ended: boolean;
}

/**
 * GDPR erasure, in one transaction: everything personal goes, what remains is anonymous.
 *
 * - deleted: events (every partition) with their messageId and outbox rows, identities, consent
 *   history, push subscriptions, journey steps, merge records;
 * - blanked: the profile (userId, email, phone, traits, consents, computed traits; `erased_at` set)
 *   and each message-ledger row's recipient, reason and provider id (channel, node, status and time
 *   stay, for per-node statistics);
 * - active journeys end (`exited`, reason `erased`); the worker re-reads the journey row and the
 *   profile before every condition and send, so even a journey not terminated sends nothing.
 *
 * The profile's identities are gone, so the same userId arriving later is a new customer. Merged-away
 * profiles pointing at this one are included (journeys started before a merge write under their id).
 * Nothing about the person is recorded. After commit, the journeys' workflows are terminated and
 * their Temporal histories (which hold copies of trigger-event properties) deleted.
 */
@Injectable()
export class EraseProfileUseCase {
  private readonly logger = new Logger(EraseProfileUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly refs: ProfileRefs,
    private readonly records: ProfileRecords,
    private readonly locks: ProfileLocks,
    private readonly exits: JourneyExits,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  async execute({ workspaceId, ref }: EraseProfileCommand): Promise<void> {
    const journeys = await this.dataSource.transaction((manager) => this.erase(manager, workspaceId, ref));
    await this.exits.terminate(
      journeys.filter((j) => j.ended).map((j) => ({ workflowId: j.workflow_id })),
      'erased',
    );
    await this.forgetHistories(journeys.map((j) => j.workflow_id));
  }

  /** Returns every journey of the person, with the active ones now `exited`. */
  private async erase(manager: EntityManager, workspaceId: string, ref: ProfileRef): Promise<JourneyRow[]> {
    const { profileId } = await this.refs.resolve(manager, workspaceId, ref);
    await this.locks.lock(manager, workspaceId, await this.records.scope(manager, profileId));
    const [state]: { merged_into: string | null; erased_at: Date | null }[] = await manager.query(
      `SELECT merged_into, erased_at FROM profiles WHERE id = $1`,
      [profileId],
    );
    if (state.erased_at) throw new NotFoundException(`Profile ${ref.raw} not found`);
    if (state.merged_into) throw new ConflictException(`Profile ${ref.raw} was merged meanwhile: retry`);
    const scope = await this.records.scope(manager, profileId);
    const run = (sql: string, params: unknown[] = [scope]) => manager.query(sql, params);

    await run(
      `DELETE FROM event_message_ids m USING events e
       WHERE e.profile_id = ANY($1) AND m.workspace_id = $2
         AND m.message_key = parcours_message_key(e.message_id) AND m.event_id = e.id`,
      [scope, workspaceId],
    );
    await run(`DELETE FROM event_outbox o USING events e WHERE e.profile_id = ANY($1) AND o.event_id = e.id`);
    await run(`DELETE FROM events WHERE profile_id = ANY($1)`);

    const [journeys]: [JourneyRow[]] = await run(
      `WITH before AS (SELECT id, status FROM journeys WHERE profile_id = ANY($1) FOR UPDATE)
       UPDATE journeys j SET trigger_event_id = NULL,
              status = CASE WHEN b.status IN ('pending', 'running') THEN 'exited' ELSE j.status END,
              exit_reason = CASE WHEN b.status IN ('pending', 'running') THEN 'erased' ELSE j.exit_reason END,
              ended_at = CASE WHEN b.status IN ('pending', 'running') THEN now() ELSE j.ended_at END
       FROM before b WHERE j.id = b.id
       RETURNING j.id, j.workflow_id, b.status IN ('pending', 'running') AS ended`,
    );
    const journeyIds = journeys.map((j) => j.id);
    await run(`DELETE FROM journey_steps WHERE journey_id = ANY($1)`, [journeyIds]);
    await run(
      `UPDATE message_ledger SET recipient = NULL, reason = NULL, provider_message_id = NULL, updated_at = now()
       WHERE profile_id = ANY($1) OR journey_id = ANY($2)`,
      [scope, journeyIds],
    );

    await run(`DELETE FROM profile_identities WHERE profile_id = ANY($1)`);
    await run(`DELETE FROM consent_history WHERE profile_id = ANY($1)`);
    await run(`DELETE FROM push_subscriptions WHERE profile_id = ANY($1)`);
    await run(`DELETE FROM profile_merges WHERE survivor_id = ANY($1)`);
    await run(
      `UPDATE profiles SET external_id = NULL, email = NULL, phone = NULL, traits = '{}', consents = '{}',
              computed_traits = '{}', erased_at = now(), updated_at = now()
       WHERE id = $1`,
      [profileId],
    );
    return journeys;
  }

  /** Best effort: a history Temporal cannot delete now expires with the namespace's retention. */
  private async forgetHistories(workflowIds: string[]): Promise<void> {
    for (const workflowId of workflowIds) {
      try {
        await this.temporal.workflowService.deleteWorkflowExecution({
          namespace: this.temporal.options.namespace,
          workflowExecution: { workflowId },
        });
      } catch (error) {
        if ((error as { code?: number }).code === 5) continue; // NOT_FOUND: never started, or gone
        this.logger.warn(`History of ${workflowId} not deleted: ${(error as Error).message}`);
      }
    }
  }
}
