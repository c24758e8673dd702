/** The holdout group of a random split leaves the journey there: counted, sent nothing. */
export const HOLDOUT_PORT = 'holdout';

/** Buckets per split: percentages are honoured to a hundredth of a percent. */
export const SPLIT_BUCKETS = 10_000;

/**
 * The customer's bucket (0 … 9 999) for one split node: FNV-1a over `profileId:nodeId`, so the
 * same customer always takes the same branch of that node (across retries, replays and re-entries)
 * while different split nodes draw independently.
 */
export function splitBucket(profileId: string, nodeId: string): number {
  let hash = 0x811c9dc5;
  const key = `${profileId}:${nodeId}`;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SPLIT_BUCKETS;
}

export interface SplitBranch {
  port: string;
  /** Share of customers, in percent (the branches of a split add up to 100). */
  percent: number;
}

/** The branch whose cumulative range holds the customer's bucket. */
export function chooseSplitBranch(
  branches: readonly SplitBranch[],
  profileId: string,
  nodeId: string,
): string {
  const bucket = splitBucket(profileId, nodeId);
  let upper = 0;
  for (const branch of branches) {
    upper += Math.round(branch.percent * (SPLIT_BUCKETS / 100));
    if (bucket < upper) return branch.port;
  }
  return branches[branches.length - 1].port;
}
