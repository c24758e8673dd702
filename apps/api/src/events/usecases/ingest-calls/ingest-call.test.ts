import { occurredAt, toIngestCall } from './ingest-call';

const receivedAt = new Date('2026-11-22T12:00:10.000Z');

describe('occurredAt: Segment clock-skew correction', () => {
  it('shifts the client timestamp by the gap between receipt and sentAt', () => {
    // The client clock is 1 hour behind: it says it sent at 11:00:10 what arrived at 12:00:10.
    expect(occurredAt('2026-11-22T11:00:00.000Z', '2026-11-22T11:00:10.000Z', receivedAt)).toEqual(
      new Date('2026-11-22T12:00:00.000Z'),
    );
  });

  it('keeps the timestamp without sentAt, and uses the receipt time without a timestamp', () => {
    expect(occurredAt('2026-01-01T00:00:00+01:00', undefined, receivedAt)).toEqual(
      new Date('2025-12-31T23:00:00Z'),
    );
    expect(occurredAt(undefined, '2026-11-22T11:00:10.000Z', receivedAt)).toEqual(receivedAt);
  });
});

describe('toIngestCall', () => {
  it('uses the batch sentAt for calls without one and merges the batch context under the call', () => {
    const call = toIngestCall(
      {
        type: 'track',
        userId: 'u',
        event: 'x',
        timestamp: '2026-11-22T11:00:00.000Z',
        context: { ip: '1.2.3.4', traits: { email: 'a@b.test' } },
      } as never,
      { receivedAt, sentAt: '2026-11-22T11:00:10.000Z', context: { ip: '0.0.0.0', library: { name: 'x' } } },
    );
    expect(call.event.occurredAt).toEqual(new Date('2026-11-22T12:00:00.000Z'));
    expect(call.event.context).toEqual({
      ip: '1.2.3.4',
      library: { name: 'x' },
      traits: { email: 'a@b.test' },
    });
    expect(call.identities).toEqual([
      { kind: 'user_id', value: 'u' },
      { kind: 'email', value: 'a@b.test' },
    ]);
    expect(call.traits).toEqual({ email: 'a@b.test' });
  });

  it('names page and screen events after the page, or the call type, and keeps the category', () => {
    const page = toIngestCall({ type: 'page', anonymousId: 'a', name: 'Home', category: 'Docs' } as never, {
      receivedAt,
    });
    expect(page.event).toMatchObject({ name: 'Home', properties: { category: 'Docs' } });
    const screen = toIngestCall({ type: 'screen', anonymousId: 'a' } as never, { receivedAt });
    expect(screen.event).toMatchObject({ name: 'screen', properties: {}, context: null, messageId: null });
  });

  it('lets identify traits win over context traits and resolves on their email and phone', () => {
    const call = toIngestCall(
      {
        type: 'identify',
        userId: 'u',
        anonymousId: 'a',
        traits: { email: 'new@x.test', phone: '+33612345678' },
        context: { traits: { email: 'old@x.test', plan: 'pro' } },
      } as never,
      { receivedAt },
    );
    expect(call.traits).toEqual({ email: 'new@x.test', phone: '+33612345678', plan: 'pro' });
    expect(call.identities.map((i) => i.kind)).toEqual(['user_id', 'anonymous_id', 'email', 'phone']);
  });

  it('carries group membership and alias targets', () => {
    expect(
      toIngestCall({ type: 'group', userId: 'u', groupId: 'g1', traits: { plan: 'pro' } } as never, {
        receivedAt,
      }),
    ).toMatchObject({ group: { groupId: 'g1', traits: { plan: 'pro' } }, traits: undefined });
    expect(
      toIngestCall({ type: 'alias', userId: 'u', previousId: 'anon' } as never, { receivedAt }),
    ).toMatchObject({
      identities: [{ kind: 'user_id', value: 'u' }],
      previousId: 'anon',
      event: { name: 'alias', properties: { previousId: 'anon' } },
    });
  });
});

describe('occurredAt at the edges', () => {
  it('does not apply a correction that would leave the storable years', () => {
    expect(occurredAt('9999-12-31T00:00:00Z', '1970-01-01T00:00:00Z', receivedAt)).toEqual(
      new Date('9999-12-31T00:00:00Z'),
    );
    expect(occurredAt('0001-01-02T00:00:00Z', '9999-01-01T00:00:00Z', receivedAt)).toEqual(
      new Date('0001-01-02T00:00:00Z'),
    );
  });
});
