import { SerialRunner } from './serial-runner';

/** Work whose runs end when the test says so, counting how many started and how many overlap. */
function controlledWork() {
  const state = { started: 0, inFlight: 0, maxInFlight: 0, finish: [] as (() => void)[] };
  const work = () =>
    new Promise<void>((resolve) => {
      state.started += 1;
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      state.finish.push(() => {
        state.inFlight -= 1;
        resolve();
      });
    });
  /** Ends the oldest run and lets what follows it (the run kicked again) start. */
  const finishOne = async () => {
    state.finish.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { state, work, finishOne };
}

describe('SerialRunner', () => {
  afterEach(() => jest.useRealTimers());

  it('never overlaps runs, and folds the kicks during a run into one more run', async () => {
    const { state, work, finishOne } = controlledWork();
    const runner = new SerialRunner(work, () => undefined);
    runner.kick();
    runner.kick();
    runner.kick();
    expect(state.started).toBe(1);
    await finishOne();
    expect(state.started).toBe(2);
    await finishOne();
    expect(state.started).toBe(2);
    expect(state.maxInFlight).toBe(1);
    await runner.idle();
  });

  it('drops the periodic ticks that find a run in flight', async () => {
    jest.useFakeTimers();
    const { state, work, finishOne } = controlledWork();
    const runner = new SerialRunner(work, () => undefined).every(100);
    jest.advanceTimersByTime(100);
    expect(state.started).toBe(1);
    jest.advanceTimersByTime(500);
    await finishOne();
    expect(state.started).toBe(1);
    jest.advanceTimersByTime(100);
    expect(state.started).toBe(2);
    const stopped = runner.stop();
    await finishOne();
    await stopped;
  });

  it('reports a failed run and runs again on the next kick', async () => {
    const errors: string[] = [];
    let calls = 0;
    const runner = new SerialRunner(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
      },
      (error) => errors.push(error.message),
    );
    runner.kick();
    await runner.idle();
    runner.kick();
    await runner.idle();
    expect({ calls, errors }).toEqual({ calls: 2, errors: ['database gone'] });
  });

  it('stops: waits for the run in flight, then ignores kicks and ticks', async () => {
    jest.useFakeTimers();
    const { state, work, finishOne } = controlledWork();
    const runner = new SerialRunner(work, () => undefined).every(100);
    runner.kick();
    runner.kick(); // asks for one more run, which stopping cancels
    let stoppedAt: number | undefined;
    const stopped = runner.stop().then(() => (stoppedAt = state.inFlight));
    expect(runner.stopped).toBe(true);
    await Promise.resolve();
    expect(stoppedAt).toBeUndefined();
    await finishOne();
    await stopped;
    expect(stoppedAt).toBe(0);
    runner.kick();
    jest.advanceTimersByTime(1_000);
    expect(state.started).toBe(1);
  });
});
