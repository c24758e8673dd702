/**
 * Commits batches in file order while letting two of them work at once on two connections.
 *
 * A batch runs as: take its locks (identities, profiles, message ids), say so (`locked`), write,
 * wait for the previous batch to commit, move the job's offset, commit. The next batch starts taking
 * its locks only once the previous one holds all of its own, so whenever the two touch the same
 * customer the later one waits for the earlier one's commit (last row of the file wins, as when
 * importing one row at a time), and the earlier one never waits for the later one: no deadlock
 * that Postgres could not see. A batch that cannot tell its locks apart from its writes (rows that
 * merge profiles) says `locked` only when done, which runs it alone.
 *
 * If a batch fails, the ones after it fail too (they never commit before it); a transient failure
 * (deadlock with live ingestion, …) is retried batch by batch, in order, alone.
 */
export class BatchPipeline<B> {
  private readonly pending: InFlight<B>[] = [];

  constructor(
    private readonly run: (
      batch: B,
      locked: () => void,
      previousCommitted: () => Promise<void>,
    ) => Promise<void>,
    private readonly isTransient: (error: unknown) => boolean,
    private readonly onCommitted: (batch: B) => void,
    private readonly depth = 2,
    private readonly attempts = 3,
  ) {}

  /** Starts a batch once fewer than `depth` are in flight; throws if an earlier batch failed for good. */
  async submit(batch: B): Promise<void> {
    while (this.pending.length >= this.depth) await this.settleFirst();
    this.pending.push(this.start(batch, this.pending.at(-1)));
  }

  /** Waits for every batch submitted so far to commit. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.settleFirst();
  }

  /** Lets in-flight batches finish or fail (before giving up on the import), without retrying. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.pending.splice(0).map((p) => p.committed));
  }

  private start(batch: B, previous: InFlight<B> | undefined): InFlight<B> {
    let markLocked!: () => void;
    const locked = new Promise<void>((resolve) => (markLocked = resolve));
    const committed = (async () => {
      try {
        await previous?.locked;
        await this.run(batch, markLocked, async () => {
          await previous?.committed;
        });
      } finally {
        markLocked();
      }
    })();
    committed.catch(() => undefined); // settled in order by settleFirst; never unhandled meanwhile
    return { batch, locked, committed };
  }

  private async settleFirst(): Promise<void> {
    const first = this.pending[0];
    try {
      await first.committed;
      this.pending.shift();
      this.onCommitted(first.batch);
    } catch (error) {
      // Nothing after it committed. Let the rest stop, then redo them one at a time, in order.
      const failed = this.pending.splice(0);
      await Promise.allSettled(failed.map((p) => p.committed));
      if (!this.isTransient(error)) throw error;
      for (const { batch } of failed) await this.alone(batch);
    }
  }

  private async alone(batch: B): Promise<void> {
    for (let attempt = 2; ; attempt++) {
      try {
        await this.start(batch, undefined).committed;
        this.onCommitted(batch);
        return;
      } catch (error) {
        if (attempt >= this.attempts || !this.isTransient(error)) throw error;
      }
    }
  }
}

interface InFlight<B> {
  batch: B;
  /** Resolves once the batch holds every lock it needs (or has finished, either way). */
  locked: Promise<void>;
  committed: Promise<void>;
}
