import {
  afterFailure,
  blockedUntil,
  FAILURE_WINDOW_MS,
  MAX_FAILED_SIGN_INS,
  NO_FAILURES,
} from './sign-in-throttle';

const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 12, 0) + minutes * 60_000);

describe('sign-in throttle', () => {
  it('blocks after five failures within 15 minutes of the first, until the window closes', () => {
    let failures = NO_FAILURES;
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      expect(blockedUntil(failures, at(i))).toBeNull();
      failures = afterFailure(failures, at(i));
    }
    expect(failures).toEqual({ count: 5, since: at(0) });
    expect(blockedUntil(failures, at(5))).toEqual(at(15));
    expect(blockedUntil(failures, at(14.9))).toEqual(at(15));
    expect(blockedUntil(failures, at(15))).toBeNull();
  });

  it('starts a new window once the old one has closed', () => {
    const old = { count: 4, since: at(0) };
    expect(afterFailure(old, at(10))).toEqual({ count: 5, since: at(0) });
    expect(afterFailure(old, new Date(at(0).getTime() + FAILURE_WINDOW_MS))).toEqual({
      count: 1,
      since: at(15),
    });
  });

  it('does not block four failures', () => {
    expect(blockedUntil({ count: 4, since: at(0) }, at(1))).toBeNull();
  });
});
