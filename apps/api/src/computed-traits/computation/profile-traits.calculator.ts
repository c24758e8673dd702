import { Injectable } from '@nestjs/common';
import { computeTrait, rescoreTrait, traitEvents, type TraitScales } from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { sameJson } from '../../imports/persistence/same-json';
import { type ComputedTraitRecord } from '../persistence/computed-traits.repository';

/** What computing a trait needs of its definition. */
export type TraitDefinition = Pick<ComputedTraitRecord, 'key' | 'kind' | 'config'> & {
  scales: TraitScales | null;
};

interface ProfileRow {
  id: string;
  traits: Record<string, unknown>;
  computed_traits: Record<string, unknown>;
  events?: { name: string; properties: Record<string, unknown>; occurredAt: string }[];
}

interface TraitChange {
  id: string;
  set: Record<string, unknown>;
  unset: string[];
}

const DAY_MS = 86_400_000;
const LIVE_PROFILES = `FROM profiles p WHERE p.id = ANY($1) AND p.workspace_id = $2 AND p.merged_into IS NULL AND p.erased_at IS NULL`;

/**
 * Computes declared traits for a few profiles (in the caller's transaction, which holds their
 * refresh locks) and writes the values that changed into `profiles.computed_traits`.
 */
@Injectable()
export class ProfileTraitsCalculator {
  /** From the profiles' events (read with the profiles, in one query). Returns how many changed. */
  async compute(
    db: EntityManager,
    workspaceId: string,
    profileIds: string[],
    definitions: TraitDefinition[],
    now: Date,
  ): Promise<number> {
    if (definitions.length === 0 || profileIds.length === 0) return 0;
    const needs = definitions.map(traitEvents);
    const names = [...new Set(needs.flatMap((n) => n.names))];
    const days = needs.some((n) => n.days === null) ? null : Math.max(...needs.map((n) => n.days!));
    const since = days === null ? null : new Date(now.getTime() - days * DAY_MS).toISOString();
    const profiles: ProfileRow[] = await db.query(
      `SELECT p.id, p.traits, p.computed_traits,
              (SELECT json_agg(json_build_object('name', e.name, 'properties', e.properties, 'occurredAt', e.occurred_at))
               FROM events e WHERE e.profile_id = p.id AND e.name = ANY($3)
                 AND ($4::timestamptz IS NULL OR e.occurred_at >= $4)) AS events
       ${LIVE_PROFILES}`,
      [profileIds, workspaceId, names, since],
    );
    return this.write(db, profiles, definitions, (profile, definition) => {
      const events = (profile.events ?? []).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) }));
      return computeTrait(definition, { traits: profile.traits, events }, now, definition.scales ?? {});
    });
  }

  /** Scores stored values again with the definitions' current scales (no event read). */
  async rescore(
    db: EntityManager,
    workspaceId: string,
    profileIds: string[],
    definitions: TraitDefinition[],
  ): Promise<number> {
    const profiles: ProfileRow[] = await db.query(
      `SELECT p.id, p.traits, p.computed_traits ${LIVE_PROFILES}`,
      [profileIds, workspaceId],
    );
    return this.write(db, profiles, definitions, (profile, definition) =>
      rescoreTrait(definition, profile.computed_traits[definition.key], definition.scales ?? {}),
    );
  }

  private async write(
    db: EntityManager,
    profiles: ProfileRow[],
    definitions: TraitDefinition[],
    valueOf: (profile: ProfileRow, definition: TraitDefinition) => unknown,
  ): Promise<number> {
    const changes: TraitChange[] = [];
    for (const profile of profiles) {
      const change: TraitChange = { id: profile.id, set: {}, unset: [] };
      for (const definition of definitions) {
        const value = valueOf(profile, definition);
        const current = profile.computed_traits[definition.key];
        if (value === undefined) {
          if (current !== undefined) change.unset.push(definition.key);
        } else if (!sameJson(value, current)) {
          change.set[definition.key] = value;
        }
      }
      if (change.unset.length > 0 || Object.keys(change.set).length > 0) changes.push(change);
    }
    if (changes.length > 0) {
      await db.query(
        `UPDATE profiles p SET computed_traits = (p.computed_traits - c.unset) || c.set
         FROM jsonb_to_recordset($1) AS c(id uuid, set jsonb, unset text[]) WHERE p.id = c.id`,
        [JSON.stringify(changes)],
      );
    }
    return changes.length;
  }
}
