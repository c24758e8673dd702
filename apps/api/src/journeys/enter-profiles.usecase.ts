import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type JourneyDefinition } from '@parcours/domain/journey';
import { DataSource } from 'typeorm';
import { type EntryOutcome, JourneyEntry } from './journey-entry.service';

/** `POST /scenarios/:id/entries`: a system puts customers into a scenario whose trigger is `trigger.api`. */
@Injectable()
export class EnterProfilesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entry: JourneyEntry,
  ) {}

  async execute(
    workspaceId: string,
    scenarioId: string,
    profileIds: string[],
    idempotencyKey: string | undefined,
  ): Promise<(EntryOutcome & { profileId: string })[]> {
    const [version]: { id: string; status: string; definition: JourneyDefinition; trigger_type: string }[] =
      await this.dataSource.query(
        `SELECT v.id, s.status, v.definition, v.trigger_type
         FROM scenarios s LEFT JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.current_version
         WHERE s.id = $1 AND s.workspace_id = $2`,
        [scenarioId, workspaceId],
      );
    if (!version) throw new NotFoundException(`Scenario ${scenarioId} not found`);
    if (version.status !== 'live') {
      throw new ConflictException(`The scenario is ${version.status}: only a live scenario takes entries`);
    }
    if (version.trigger_type !== 'trigger.api') {
      throw new ConflictException(
        `The scenario starts with ${version.trigger_type}: only a 'trigger.api' scenario takes entries by API`,
      );
    }
    const results: (EntryOutcome & { profileId: string })[] = [];
    for (const profileId of [...new Set(profileIds)]) {
      const outcome = await this.entry.enter({
        workspaceId,
        scenarioId,
        scenarioVersionId: version.id,
        entry: version.definition.entry,
        profileId,
        // Without a key each call is a new reason to enter (still one active journey per customer).
        entryKey: `api:${idempotencyKey ?? crypto.randomUUID()}`,
      });
      results.push({ profileId, ...outcome });
    }
    return results;
  }
}
