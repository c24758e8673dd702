import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { type EventPosition, ProfileRecords } from '../../persistence/profile-records.repository';
import { type ProfileRef } from '../../refs/profile-ref';
import { ProfileRefs } from '../../refs/profile-refs.service';

export interface ExportProfileCommand {
  workspaceId: string;
  ref: ProfileRef;
}

/** Events are read and written out this many at a time: memory stays flat whatever the history. */
export const EXPORT_EVENTS_PAGE = 1_000;

/**
 * GDPR access: everything stored about the person, as one JSON document (ProfileExportDto). It is
 * read from one REPEATABLE READ snapshot and streamed: the profile and its bounded histories first,
 * then every event (of the profile and of profiles merged into it), page by page, last.
 */
@Injectable()
export class ExportProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refs: ProfileRefs,
    private readonly records: ProfileRecords,
  ) {}

  /** Resolves the reference before anything is sent (404 stays a 404), then returns the stream. */
  async execute({ workspaceId, ref }: ExportProfileCommand): Promise<{ profileId: string; body: Readable }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction('REPEATABLE READ');
      const { profileId } = await this.refs.resolve(runner.manager, workspaceId, ref);
      const scope = await this.records.scope(runner.manager, profileId);
      const head = await this.head(runner, profileId, scope);
      return { profileId, body: Readable.from(this.document(runner, head, scope)) };
    } catch (error) {
      await this.close(runner);
      throw error;
    }
  }

  private async head(runner: QueryRunner, profileId: string, scope: string[]) {
    const db = runner.manager;
    const journeys = await this.records.journeys(db, scope);
    const steps = await this.records.journeySteps(
      db,
      journeys.map((j) => j.id),
    );
    return {
      format: 'parcours.profile-export/1',
      exportedAt: new Date(),
      profile: { ...(await this.records.profile(db, profileId)), mergedProfileIds: scope.slice(1) },
      identities: await this.records.identities(db, scope),
      consentHistory: await this.records.consentHistory(db, scope),
      journeys: journeys.map((journey) => ({
        ...journey,
        steps: steps.filter((s) => s.journeyId === journey.id).map(({ journeyId: _j, ...step }) => step),
      })),
      messages: await this.records.messages(db, scope),
      pushSubscriptions: await this.records.pushSubscriptions(db, scope),
      merges: await this.records.merges(db, profileId),
    };
  }

  private async *document(runner: QueryRunner, head: object, scope: string[]): AsyncGenerator<string> {
    try {
      yield `${JSON.stringify(head).slice(0, -1)},"events":[`;
      let separator = '';
      for (const profileId of scope) {
        let before: EventPosition | undefined;
        for (;;) {
          const page = await this.records.events(runner.manager, profileId, EXPORT_EVENTS_PAGE, before);
          if (page.length > 0) {
            yield separator + page.map(({ position: _p, ...event }) => JSON.stringify(event)).join(',');
            separator = ',';
          }
          if (page.length < EXPORT_EVENTS_PAGE) break;
          before = page[page.length - 1].position;
        }
      }
      yield ']}';
    } finally {
      await this.close(runner);
    }
  }

  private async close(runner: QueryRunner): Promise<void> {
    if (runner.isReleased) return;
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
