import fc from 'fast-check';
import { chooseSplitBranch, HOLDOUT_PORT, SPLIT_BUCKETS, splitBucket } from './split-bucket';

const profileIds = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `0190a0b1-${String(i).padStart(4, '0')}-7000-8000-${String(i * 7919).padStart(12, '0')}`,
  );

describe('split buckets', () => {
  it('always gives the same customer the same bucket for a node', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ minLength: 1, maxLength: 64 }), (profileId, nodeId) => {
        const bucket = splitBucket(profileId, nodeId);
        expect(bucket).toBe(splitBucket(profileId, nodeId));
        expect(Number.isInteger(bucket) && bucket >= 0 && bucket < SPLIT_BUCKETS).toBe(true);
      }),
    );
  });

  it('spreads 20 000 customers evenly over the buckets (chi-square over 20 ranges)', () => {
    const counts = new Array(20).fill(0);
    for (const id of profileIds(20_000))
      counts[Math.floor(splitBucket(id, 'split-1') / (SPLIT_BUCKETS / 20))]++;
    const expected = 20_000 / 20;
    const chiSquare = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: p = 0.001 at 43.8.
    expect(chiSquare).toBeLessThan(43.8);
  });

  it('draws independently per node: the branch at one split says nothing of the next', () => {
    const ids = profileIds(10_000);
    const branches = [
      { port: 'a', percent: 50 },
      { port: 'b', percent: 50 },
    ];
    let same = 0;
    for (const id of ids) {
      if (chooseSplitBranch(branches, id, 'first') === chooseSplitBranch(branches, id, 'second')) same++;
    }
    expect(same / ids.length).toBeGreaterThan(0.47);
    expect(same / ids.length).toBeLessThan(0.53);
  });

  it('honours percentages, holdout included, within 1.5 points on 20 000 customers', () => {
    const branches = [
      { port: HOLDOUT_PORT, percent: 10 },
      { port: 'a', percent: 60 },
      { port: 'b', percent: 30 },
    ];
    const counts: Record<string, number> = { [HOLDOUT_PORT]: 0, a: 0, b: 0 };
    for (const id of profileIds(20_000)) counts[chooseSplitBranch(branches, id, 'ab-test')]++;
    expect(Math.abs(counts[HOLDOUT_PORT] / 200 - 10)).toBeLessThan(1.5);
    expect(Math.abs(counts.a / 200 - 60)).toBeLessThan(1.5);
    expect(Math.abs(counts.b / 200 - 30)).toBeLessThan(1.5);
  });

  it('never picks a 0% branch and always a 100% one', () => {
    fc.assert(
      fc.property(fc.uuid(), (profileId) => {
        expect(
          chooseSplitBranch(
            [
              { port: 'none', percent: 0 },
              { port: 'all', percent: 100 },
            ],
            profileId,
            'n',
          ),
        ).toBe('all');
      }),
    );
  });

  it('keeps customers in their branch when a later branch changes (ranges are cumulative)', () => {
    const before = [
      { port: 'a', percent: 50 },
      { port: 'b', percent: 50 },
    ];
    const after = [
      { port: 'a', percent: 50 },
      { port: 'b', percent: 25 },
      { port: 'c', percent: 25 },
    ];
    for (const id of profileIds(2_000)) {
      if (chooseSplitBranch(before, id, 's') === 'a') expect(chooseSplitBranch(after, id, 's')).toBe('a');
    }
  });
});
