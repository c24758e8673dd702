import { type Identity, normalizeIdentity } from '@parcours/domain';

/** An identity as a map key, in the form it is stored under. */
export const identityKey = (identity: Identity) => {
  const { kind, value } = normalizeIdentity(identity);
  return `${kind}\u0000${value}`;
};
const keyOf = identityKey;

/** An identity's owner as read from the database (`merged_into` set if merged since). */
export interface Owner {
  kind: string;
  value: string;
  id: string;
  merged_into: string | null;
}

/**
 * What one ingestion transaction knows about who owns which identity: filled from one lookup for
 * the whole request, then kept current as calls create, resolve and merge profiles, so most calls
 * of a batch find their profile without a query.
 */
export class ProfileDirectory {
  private readonly owners = new Map<string, string>();
  /** Merged-away profile → the one it merged into. */
  private readonly redirects = new Map<string, string>();

  /** Records owners read from the database. */
  read(owners: Owner[]): void {
    for (const owner of owners) {
      this.own(owner, owner.id);
      if (owner.merged_into !== null) this.merged(owner.id, owner.merged_into);
    }
  }

  /** Each identity known to be owned, with its live owner. */
  *entries(): IterableIterator<[string, string]> {
    for (const [key, owner] of this.owners) yield [key, this.live(owner)];
  }

  /** Every profile an identity was seen owned by. */
  profileIds(): string[] {
    return [...new Set(this.owners.values())];
  }

  /** The profile a profile id stands for now: itself, or the survivor it was merged into. */
  live(profileId: string): string {
    let id = profileId;
    for (let next = this.redirects.get(id); next !== undefined; next = this.redirects.get(id)) id = next;
    return id;
  }

  /** The one live profile owning every one of these identities, if there is exactly one. */
  ownerOfAll(identities: Identity[]): string | undefined {
    let owner: string | undefined;
    for (const identity of identities) {
      const found = this.ownerOf(identity);
      if (found === undefined || (owner !== undefined && found !== owner)) return undefined;
      owner = found;
    }
    return owner;
  }

  ownerOf(identity: Identity): string | undefined {
    const owner = this.owners.get(keyOf(identity));
    return owner === undefined ? undefined : this.live(owner);
  }

  /**
   * After a resolution (and its merges, recorded first): identities nobody held now belong to
   * `profileId`; one still held by another known profile stayed there, as the resolver leaves it.
   */
  learn(identities: Identity[], profileId: string): void {
    for (const identity of identities) {
      const current = this.ownerOf(identity);
      if (current === undefined || current === profileId) this.owners.set(keyOf(identity), profileId);
    }
  }

  /** Records that the owner of an identity was read from the database. */
  own(identity: Identity, profileId: string): void {
    this.owners.set(keyOf(identity), profileId);
  }

  merged(mergedId: string, survivorId: string): void {
    if (mergedId !== survivorId) this.redirects.set(mergedId, survivorId);
  }
}
