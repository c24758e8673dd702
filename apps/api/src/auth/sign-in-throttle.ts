/**
 * Per-account limit on password guessing: at most 5 failed sign-ins in a 15-minute window that
 * opens at the first failure. While the limit is reached every attempt is refused, the right
 * password included, so the answer never confirms a guess. A success resets the count.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export interface FailedSignIns {
  count: number;
  since: Date | null;
}

function windowOpen(failures: FailedSignIns, now: Date): failures is { count: number; since: Date } {
  return failures.since !== null && now.getTime() - failures.since.getTime() < FAILURE_WINDOW_MS;
}

/** When the account accepts attempts again, or null if it does now. */
export function blockedUntil(failures: FailedSignIns, now: Date): Date | null {
  if (!windowOpen(failures, now) || failures.count < MAX_FAILED_SIGN_INS) return null;
  return new Date(failures.since.getTime() + FAILURE_WINDOW_MS);
}

export function afterFailure(failures: FailedSignIns, now: Date): FailedSignIns {
  return windowOpen(failures, now)
    ? { count: failures.count + 1, since: failures.since }
    : { count: 1, since: now };
}

export const NO_FAILURES: FailedSignIns = { count: 0, since: null };
