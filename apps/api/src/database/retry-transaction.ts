/** Deadlock, serialisation failure: the transaction did nothing and is safe to run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** Something a transaction read changed under it: thrown to roll it back and run it again. */
export class ConcurrentChange extends Error {
  readonly code = '40001';
}

/** Runs `transaction` again (up to 3 times in all) when Postgres says it did nothing and may be retried. */
export async function retryingTransaction<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}
