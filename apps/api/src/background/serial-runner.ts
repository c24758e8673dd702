/**
 * Background work that runs one at a time: the outbox dispatch, the segment builds, the scheduled
 * entries. A kick while it runs asks for one more run right after (kicks coalesce, none is lost);
 * a periodic tick while it runs is dropped (a slow run is not followed by a backlog of ticks).
 * Errors go to `onError`: the next kick or tick tries again.
 */
export class SerialRunner {
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Runs the work now, or once more after the run in flight. */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Also runs every `ms` (not at all for 0), skipping a tick that finds a run in flight. */
  every(ms: number): this {
    if (ms > 0) {
      this.timer = setInterval(() => {
        if (!this.running) this.kick();
      }, ms);
      this.timer.unref();
    }
    return this;
  }

  /** Whether `stop` was called: long work checks it between batches. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Resolves once nothing runs, the runs kicked meanwhile included. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No more runs; resolves once the one in flight ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.idle();
  }
}
