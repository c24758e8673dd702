import { pathEdgeIds } from './path-edges';

describe('pathEdgeIds', () => {
  const edges = [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'check' },
    { id: 'e2', source: 'check', sourceHandle: 'yes', target: 'email' },
    { id: 'e3', source: 'check', sourceHandle: 'no', target: 'sms' },
    { id: 'e4', source: 'sms', sourceHandle: 'out', target: 'done' },
  ];

  it('follows the port each step left by, not every edge out of it', () => {
    const path = [
      { nodeId: 'start', type: 'trigger.event', outcome: 'entered', port: 'out' },
      { nodeId: 'check', type: 'condition.consent', outcome: 'no', port: 'no' },
      { nodeId: 'sms', type: 'send.sms', outcome: 'sent', port: 'out' },
      { nodeId: 'done', type: 'exit', outcome: 'exited' },
    ];
    expect([...pathEdgeIds(path, edges)].sort()).toEqual(['e1', 'e3', 'e4']);
  });

  it('skips a step whose edge is no longer on the canvas (the draft changed since publishing)', () => {
    const path = [
      { nodeId: 'start', type: 'trigger.event', outcome: 'entered', port: 'out' },
      { nodeId: 'removed', type: 'wait.duration', outcome: 'wait (1 day)', port: 'out' },
      { nodeId: 'done', type: 'exit', outcome: 'exited' },
    ];
    expect(pathEdgeIds(path, edges).size).toBe(0);
  });
});
