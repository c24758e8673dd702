import { Injectable } from '@nestjs/common';
import { type ConsentChannel, type ConsentRecord, latestConsents } from '@parcours/domain';
import { type EntityManager } from 'typeorm';

export type MergeReason = 'identify' | 'alias' | 'api';

export interface MergeOutcome {
  survivorId: string;
  mergedId: string;
  moved: {
    identities: number;
    events: number;
    journeys: number;
    messages: number;
    consentRecords: number;
    pushSubscriptions: number;
  };
  /** The merged profile's journeys in a scenario the survivor is already in: exited, not run twice. */
  exitedJourneys: { id: string; workflowId: string }[];
}

interface MergeRow {
  id: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  traits: Record<string, unknown>;
  consents: Partial<Record<ConsentChannel, ConsentRecord>>;
}

/**
 * Folds one profile into another inside the caller's transaction. Precedence: the survivor's
 * traits win, the merged profile fills what the survivor lacks; per channel the most recent consent
 * decision wins. Identities, events, consent history, journeys, messages and push subscriptions move
 * to the survivor; the merged profile stays as a pointer (`merged_into`) so journeys holding its id
 * find the survivor.
 */
@Injectable()
export class MergeProfilesService {
  async merge(
    manager: EntityManager,
    workspaceId: string,
    survivorId: string,
    mergedId: string,
    reason: MergeReason,
  ): Promise<MergeOutcome> {
    const rows: MergeRow[] = await manager.query(
      `SELECT id, external_id, email, phone, traits, consents FROM profiles
       WHERE workspace_id = $1 AND id = ANY($2) AND merged_into IS NULL AND erased_at IS NULL
       ORDER BY id FOR UPDATE`,
      [workspaceId, [survivorId, mergedId]],
    );
    const survivor = rows.find((r) => r.id === survivorId);
    const merged = rows.find((r) => r.id === mergedId);
    if (!survivor || !merged || survivorId === mergedId) {
      throw new Error(`Cannot merge ${mergedId} into ${survivorId}: both must be distinct live profiles`);
    }

    // Duplicates first: while both profiles still own their journeys, find scenarios both are in.
    const exitedJourneys: { id: string; workflow_id: string }[] = await manager
      .query(
        `UPDATE journeys m SET status = 'exited', exit_reason = 'merged', ended_at = now()
       WHERE m.profile_id = $2 AND m.status IN ('pending', 'running')
         AND EXISTS (SELECT 1 FROM journeys s WHERE s.profile_id = $1 AND s.scenario_id = m.scenario_id
                     AND s.status IN ('pending', 'running'))
       RETURNING m.id, m.workflow_id`,
        [survivorId, mergedId],
      )
      .then(([exited]: [{ id: string; workflow_id: string }[]]) => exited);

    const move = async (sql: string) => (await manager.query(sql, [survivorId, mergedId]))[1] as number;
    const moved = {
      identities: await move(`UPDATE profile_identities SET profile_id = $1 WHERE profile_id = $2`),
      events: await move(`UPDATE events SET profile_id = $1 WHERE profile_id = $2`),
      journeys: await move(`UPDATE journeys SET profile_id = $1 WHERE profile_id = $2`),
      messages: await move(`UPDATE message_ledger SET profile_id = $1 WHERE profile_id = $2`),
      consentRecords: await move(`UPDATE consent_history SET profile_id = $1 WHERE profile_id = $2`),
      pushSubscriptions: await move(`UPDATE push_subscriptions SET profile_id = $1 WHERE profile_id = $2`),
    };

    await manager.query(
      `UPDATE profiles SET external_id = NULL, email = NULL, phone = NULL, traits = '{}', consents = '{}',
              merged_into = $1, updated_at = now()
       WHERE id = $2`,
      [survivorId, mergedId],
    );
    // Keep every pointer one hop long: profiles merged into the merged one now point at the survivor.
    await manager.query(`UPDATE profiles SET merged_into = $1 WHERE merged_into = $2`, [
      survivorId,
      mergedId,
    ]);
    await manager.query(
      `UPDATE profiles SET external_id = COALESCE(external_id, $2), email = COALESCE(email, $3),
              phone = COALESCE(phone, $4), traits = $5, consents = $6, updated_at = now()
       WHERE id = $1`,
      [
        survivorId,
        merged.external_id,
        merged.email,
        merged.phone,
        { ...merged.traits, ...survivor.traits },
        latestConsents(merged.consents, survivor.consents),
      ],
    );
    await manager.query(
      `INSERT INTO profile_merges (workspace_id, survivor_id, merged_id, reason, moved) VALUES ($1, $2, $3, $4, $5)`,
      [workspaceId, survivorId, mergedId, reason, { ...moved, exitedJourneys: exitedJourneys.length }],
    );
    return {
      survivorId,
      mergedId,
      moved,
      exitedJourneys: exitedJourneys.map((j) => ({ id: j.id, workflowId: j.workflow_id })),
    };
  }
}
