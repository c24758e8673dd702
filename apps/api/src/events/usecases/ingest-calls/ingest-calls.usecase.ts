import { Injectable } from '@nestjs/common';
import { type Identity } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { JourneyExits } from '../../../journeys/journey-exits.service';
import { MergeProfilesService } from '../../../profiles/identity/merge-profiles.service';
import { ProfileResolver } from '../../../profiles/identity/profile-resolver.service';
import { ProfileWriter } from '../../../profiles/profile-writer.service';
import { ProfileRefreshQueue } from '../../../segments/refresh/profile-refresh.queue';
import { ConcurrentChange, retryingTransaction } from '../../../database/retry-transaction';
import { uuidV7 } from '../../../database/uuid-v7';
import { type EventRow, IngestionRepository } from '../../persistence/ingestion.repository';
import { KnownIdentities } from '../../persistence/known-identities';
import { type IngestCall } from './ingest-call';
import { ProfileDirectory } from './profile-directory';

type ExitedJourney = { id: string; workflowId: string };

/**
 * Stores Segment calls: resolves each call's profile, applies identify traits, group memberships
 * and aliases, and stores every call as an event (with an outbox row when it may start journeys),
 * all in one transaction, so once this returns the calls are durable and their journeys will start.
 * A call whose `messageId` was already received is a client retry: it stores and changes nothing.
 *
 * Cost is per request, not per call: a batch of fresh calls about customers this process already
 * knows is one statement (`storeForKnownProfiles`); otherwise one transaction claims the messageIds
 * and looks up every identity of the request in one round trip, a call whose identities all point
 * to one profile needs no further query, only the others go through `ProfileResolver` (their
 * identities locked first in one sorted pass), and the events are inserted with one statement.
 */
@Injectable()
export class IngestCallsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolver: ProfileResolver,
    private readonly merges: MergeProfilesService,
    private readonly writer: ProfileWriter,
    private readonly exits: JourneyExits,
    private readonly repository: IngestionRepository,
    private readonly known: KnownIdentities,
    private readonly refreshes: ProfileRefreshQueue,
  ) {}

  /**
   * Committed: the profiles' computed traits and segment memberships are brought up to date next,
   * off this request (the periodic segment sweep covers a process that dies before).
   */
  private refreshLater(workspaceId: string, calls: IngestCall[]): void {
    const profileIds = calls.map((call) => this.known.ownerOfAll(workspaceId, call.identities));
    this.refreshes.enqueue(workspaceId, new Set(profileIds.filter((id): id is string => id !== undefined)));
  }

  async execute(workspaceId: string, calls: IngestCall[], receivedAt: Date): Promise<void> {
    if (await this.storeForKnownProfiles(workspaceId, calls, receivedAt))
      return this.refreshLater(workspaceId, calls);
    const { exited, directory } = await retryingTransaction(() =>
      this.dataSource.transaction(async (manager) => {
        const directory = new ProfileDirectory();
        return { exited: await this.store(manager, workspaceId, calls, receivedAt, directory), directory };
      }),
    );
    this.known.remember(workspaceId, directory.entries());
    this.refreshLater(workspaceId, calls);
    // Merged duplicates were marked exited in the committed transaction; now stop their workflows.
    if (exited.length > 0) await this.exits.terminate(exited, 'merged');
  }

  /**
   * The common case, a batch of events about customers this process has seen, none of them sent
   * before: one statement, which checks the profiles still stand and the messageIds are fresh (see
   * `IngestionRepository.insertForKnownProfiles`). Returns false, having written nothing, when that
   * case does not apply.
   */
  private async storeForKnownProfiles(workspaceId: string, calls: IngestCall[], receivedAt: Date) {
    if (calls.some((call) => call.traits || call.group || call.previousId !== undefined)) return false;
    const profileIds: string[] = [];
    for (const call of calls) {
      const profileId = this.known.ownerOfAll(workspaceId, call.identities);
      if (profileId === undefined) return false;
      profileIds.push(profileId);
    }
    const rows = calls.map((call, i) => eventRow(uuidV7(), profileIds[i], call));
    const outcome = await retryingTransaction(() =>
      this.repository.insertForKnownProfiles(workspaceId, rows, receivedAt),
    );
    // Merged or erased since this process saw them: the general path reads their owners afresh.
    if (outcome === 'stale') for (const call of calls) this.known.forget(workspaceId, call.identities);
    return outcome === 'stored';
  }

  private async store(
    manager: EntityManager,
    workspaceId: string,
    calls: IngestCall[],
    receivedAt: Date,
    directory: ProfileDirectory,
  ): Promise<ExitedJourney[]> {
    const all = calls.map((call) => ({ call, eventId: uuidV7() }));
    const claims = all.flatMap(({ call, eventId }) =>
      call.event.messageId === null ? [] : [{ messageId: call.event.messageId, eventId }],
    );
    const wanted = calls.flatMap((call) => [...call.identities, ...previousIdentities(call)]);
    const { claimed, owners } = await this.repository.claimAndLookUp(manager, workspaceId, claims, wanted);
    // A call whose messageId was already claimed, earlier or in this request, is a retry: skipped.
    const todo = all.filter(({ call, eventId }) => call.event.messageId === null || claimed.has(eventId));
    if (todo.length === 0) return [];

    // Calls whose identities all belong to one profile need no identity lock: nobody creates an
    // identity that exists, and a merge moving it locks the profile, which is pinned below. The
    // others (new identities, merges, aliases) go through the resolver: their identities are
    // locked first, in one sorted pass, before any row lock, as the resolver and merges do.
    directory.read(owners);
    const uncertain = todo.flatMap(({ call }) =>
      call.previousId !== undefined || directory.ownerOfAll(call.identities) === undefined
        ? [...call.identities, ...previousIdentities(call)]
        : [],
    );
    if (uncertain.length > 0) {
      await this.resolver.lockIdentities(manager, workspaceId, uncertain);
      for (const owner of await this.repository.findOwners(manager, workspaceId, uncertain)) {
        directory.own(owner, owner.id);
      }
    }
    await this.pin(manager, directory, directory.profileIds());

    const exited: ExitedJourney[] = [];
    const profileIds: string[] = [];
    for (const { call } of todo) {
      profileIds.push(await this.apply(manager, workspaceId, call, directory, exited));
    }
    const rows = todo.map(({ call, eventId }, i) => eventRow(eventId, directory.live(profileIds[i]), call));
    await this.repository.insertEvents(manager, workspaceId, rows, receivedAt);
    return exited;
  }

  /** Pins profiles (see `IngestionRepository.pin`), following any merged meanwhile to their survivor. */
  private async pin(
    manager: EntityManager,
    directory: ProfileDirectory,
    profileIds: string[],
  ): Promise<void> {
    let pending = profileIds;
    while (pending.length > 0) {
      const { merged, erased } = await this.repository.pin(manager, pending);
      // Erased since its identities were read: start again, the identities are gone now.
      if (erased) throw new ConcurrentChange('A profile was erased while this request was resolving it');
      for (const { id, merged_into } of merged) directory.merged(id, merged_into);
      pending = merged.map((m) => m.merged_into);
    }
  }

  /** Resolves the call's profile and applies what the call says about it; returns the profile. */
  private async apply(
    manager: EntityManager,
    workspaceId: string,
    call: IngestCall,
    directory: ProfileDirectory,
    exited: ExitedJourney[],
  ): Promise<string> {
    let profileId = directory.ownerOfAll(call.identities);
    if (profileId === undefined) {
      profileId = await this.resolve(manager, workspaceId, call.identities, directory, exited);
    }
    if (call.previousId !== undefined) {
      const userId = call.identities.find((i) => i.kind === 'user_id')!;
      profileId = await this.alias(
        manager,
        workspaceId,
        profileId,
        userId,
        call.previousId,
        directory,
        exited,
      );
    }
    if (call.traits) await this.writer.apply(manager, workspaceId, profileId, { traits: call.traits });
    if (call.group) await this.joinGroup(manager, workspaceId, profileId, call.group);
    return profileId;
  }

  private async resolve(
    manager: EntityManager,
    workspaceId: string,
    identities: Identity[],
    directory: ProfileDirectory,
    exited: ExitedJourney[],
    reason: 'identify' | 'alias' = 'identify',
  ): Promise<string> {
    const resolved = await this.resolver.resolve(manager, workspaceId, identities, reason);
    for (const merge of resolved.merges) {
      directory.merged(merge.mergedId, merge.survivorId);
      exited.push(...merge.exitedJourneys);
    }
    await this.pin(manager, directory, [resolved.profileId]);
    const profileId = directory.live(resolved.profileId);
    directory.learn(identities, profileId);
    return profileId;
  }

  /**
   * Segment `alias`: the profile known by `previousId` (as a user id, else as an anonymous id) is
   * merged into the profile of `userId`, even when both are known customers (an explicit merge).
   * An unknown `previousId` is attached to the profile as an anonymous id, so later calls using it
   * land there.
   */
  private async alias(
    manager: EntityManager,
    workspaceId: string,
    targetId: string,
    userId: Identity,
    previousId: string,
    directory: ProfileDirectory,
    exited: ExitedJourney[],
  ): Promise<string> {
    const previous =
      directory.ownerOf({ kind: 'user_id', value: previousId }) ??
      directory.ownerOf({ kind: 'anonymous_id', value: previousId });
    if (previous === undefined) {
      const anonymous = { kind: 'anonymous_id', value: previousId };
      return this.resolve(manager, workspaceId, [userId, anonymous], directory, exited, 'alias');
    } else if (previous !== targetId) {
      const outcome = await this.merges.merge(manager, workspaceId, targetId, previous, 'alias');
      directory.merged(previous, targetId);
      exited.push(...outcome.exitedJourneys);
    }
    return directory.live(targetId);
  }

  /** Group membership lives on the profile: `traits.groups[groupId]` holds the group's traits. */
  private async joinGroup(
    manager: EntityManager,
    workspaceId: string,
    profileId: string,
    group: { groupId: string; traits: Record<string, unknown> },
  ): Promise<void> {
    const [row]: { groups: unknown }[] = await manager.query(
      `SELECT traits->'groups' AS groups FROM profiles WHERE id = $1`,
      [profileId],
    );
    const groups = isPlainObject(row?.groups) ? row.groups : {};
    await this.writer.apply(manager, workspaceId, profileId, {
      traits: { groups: { ...groups, [group.groupId]: group.traits } },
    });
  }
}

function eventRow(id: string, profileId: string, call: IngestCall): EventRow {
  return {
    id,
    profile_id: profileId,
    type: call.type,
    name: call.event.name,
    properties: call.event.properties,
    context: call.event.context,
    message_id: call.event.messageId,
    occurred_at: call.event.occurredAt.toISOString(),
  };
}

function previousIdentities(call: IngestCall): Identity[] {
  if (call.previousId === undefined) return [];
  return [
    { kind: 'user_id', value: call.previousId },
    { kind: 'anonymous_id', value: call.previousId },
  ];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
