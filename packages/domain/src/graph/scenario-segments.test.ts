import { scenarioGraphSchema } from './scenario-graph';
import { scenarioSegmentReferences } from './scenario-segments';

const A = '0b9f3c1e-5d7a-4b2e-9c61-2f8e4a6d1b30';
const B = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('scenarioSegmentReferences', () => {
  it('lists the segments of triggers, conditions, the audience and exit criteria, with their paths', () => {
    const graph = scenarioGraphSchema.parse({
      nodes: [
        { id: 'start', type: 'trigger.segment', config: { segmentId: A } },
        { id: 'vip', type: 'condition.segment', config: { segmentId: B } },
        { id: 'end', type: 'exit', config: {} },
      ],
      edges: [],
      settings: {
        entry: { reentry: { policy: 'never' }, audienceSegmentId: B },
        exitCriteria: [
          { kind: 'event', event: 'order.completed' },
          { kind: 'segment.exited', segmentId: A },
        ],
      },
    });
    expect(scenarioSegmentReferences(graph)).toEqual([
      { nodeId: 'start', path: ['nodes', 0, 'config', 'segmentId'], segmentId: A },
      { nodeId: 'vip', path: ['nodes', 1, 'config', 'segmentId'], segmentId: B },
      { path: ['settings', 'entry', 'audienceSegmentId'], segmentId: B },
      { path: ['settings', 'exitCriteria', 1, 'segmentId'], segmentId: A },
    ]);
  });

  it('finds none in a scenario without segments', () => {
    const graph = scenarioGraphSchema.parse({
      nodes: [{ id: 'start', type: 'trigger.event', config: { event: 'signup' } }],
      edges: [],
    });
    expect(scenarioSegmentReferences(graph)).toEqual([]);
  });
});
