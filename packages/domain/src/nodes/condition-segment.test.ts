import { conditionSegmentNode } from './condition-segment';
import { createFakeExecutionContext } from './fake-execution-context';

const VIP = '0190a0b1-0000-7000-8000-000000000001';

describe('condition.segment', () => {
  it('is yes for a member of the segment, no otherwise', async () => {
    const member = createFakeExecutionContext({ segments: [VIP] });
    const other = createFakeExecutionContext({ segments: ['0190a0b1-0000-7000-8000-000000000002'] });
    expect(await conditionSegmentNode.execute!(member, { segmentId: VIP })).toEqual({
      port: 'yes',
      outcome: 'yes',
    });
    expect(await conditionSegmentNode.execute!(other, { segmentId: VIP })).toEqual({
      port: 'no',
      outcome: 'no',
    });
    expect(conditionSegmentNode.ports(conditionSegmentNode.defaultConfig)).toEqual(['yes', 'no']);
  });

  it.each([
    ['not a UUID', { segmentId: 'vip' }],
    ['missing', {}],
    ['a number', { segmentId: 1 }],
  ])('refuses a segment id %s', (_label, input) => {
    expect(conditionSegmentNode.configSchema.safeParse(input).success).toBe(false);
  });
});
