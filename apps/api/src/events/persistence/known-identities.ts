import { Injectable } from '@nestjs/common';
import { type Identity } from '@parcours/domain';
import { identityKey } from '../usecases/ingest-calls/profile-directory';

const MAX_ENTRIES = 200_000;

/**
 * Which profile owned an identity when this process last committed a write about it. A hint
 * only, checked by the statement that uses it: an identity never moves to another profile except
 * when its profile is merged (which leaves a `merged_into` pointer) and disappears only with an
 * erased profile, so a remembered owner is right as long as that profile is neither merged nor
 * erased, which the statement checks; one found merged or erased sends the call down the general
 * path, which reads the owners afresh.
 */
@Injectable()
export class KnownIdentities {
  private readonly owners = new Map<string, string>();

  /** The one profile owning all these identities, if every one of them is known. */
  ownerOfAll(workspaceId: string, identities: Identity[]): string | undefined {
    let owner: string | undefined;
    for (const identity of identities) {
      const found = this.owners.get(`${workspaceId}\u0000${identityKey(identity)}`);
      if (found === undefined || (owner !== undefined && found !== owner)) return undefined;
      owner = found;
    }
    return owner;
  }

  remember(workspaceId: string, entries: Iterable<[string, string]>): void {
    for (const [key, profileId] of entries) {
      const cacheKey = `${workspaceId}\u0000${key}`;
      this.owners.delete(cacheKey); // re-inserted last: the oldest entries are evicted first
      this.owners.set(cacheKey, profileId);
    }
    evictOldest(this.owners);
  }

  /** After a failed check: the next call about these identities reads them from the database. */
  forget(workspaceId: string, identities: Identity[]): void {
    for (const identity of identities) this.owners.delete(`${workspaceId}\u0000${identityKey(identity)}`);
  }
}

function evictOldest(map: Map<string, string>): void {
  if (map.size <= MAX_ENTRIES) return;
  const excess = map.size - MAX_ENTRIES;
  let removed = 0;
  for (const key of map.keys()) {
    if (removed++ >= excess) break;
    map.delete(key);
  }
}
