import { ImportMapping } from './import-mapping';
import { mapEventRow, mapProfileRow, type SourceRecord } from './map-row';

const record = (cells: Record<string, unknown>, extra: Partial<SourceRecord> = {}): SourceRecord => ({
  row: 7,
  line: 8,
  cells: Object.entries(cells),
  ...extra,
});

describe('mapping a row', () => {
  const profiles = new ImportMapping('profiles', { score: 'traits.score:number', vip: 'traits.vip:boolean' });
  const events = new ImportMapping('events', { total: 'properties.total:number' });

  it('builds a profile change: normalised identities, typed traits, consents; blanks ignored', () => {
    expect(
      mapProfileRow(
        record({
          user_id: ' u-1 ',
          email: 'Ann@Example.TEST',
          phone: '+33 6 12 34 56 78',
          country: 'fr',
          score: '12.5',
          vip: 'yes',
          consent_sms: 'Revoked',
          first_name: '',
        }),
        profiles,
      ),
    ).toEqual({
      row: 7,
      identities: [
        { kind: 'user_id', value: 'u-1' },
        { kind: 'email', value: 'ann@example.test' },
        { kind: 'phone', value: '+33612345678' },
      ],
      traits: { email: 'ann@example.test', phone: '+33612345678', country: 'FR', score: 12.5, vip: true },
      consents: { sms: 'revoked' },
    });
  });

  it('takes an email given as a trait as an identity too', () => {
    const row = mapProfileRow(record({ 'traits.email': 'bob@example.test' }), profiles);
    expect(row).toMatchObject({ identities: [{ kind: 'email', value: 'bob@example.test' }] });
  });

  it('says everything wrong with a row at once', () => {
    expect(
      mapProfileRow(
        record({ email: 'nope', phone: '0612', score: 'high', consent_email: 'yes', birthday: '31/12/1990' }),
        profiles,
      ),
    ).toEqual({
      row: 7,
      line: 8,
      errors: [
        expect.objectContaining({ path: 'email', code: 'invalid_format' }),
        expect.objectContaining({ path: 'phone', code: 'invalid_format' }),
        expect.objectContaining({ path: 'score', message: 'Not a number' }),
        expect.objectContaining({ path: 'consent_email' }),
        expect.objectContaining({ path: 'traits.birthday' }),
        expect.objectContaining({ code: 'missing_identity' }),
      ],
    });
    expect(
      mapProfileRow(record({}, { error: 'Expected 3 fields as in the header, got 2' }), profiles),
    ).toEqual({
      row: 7,
      line: 8,
      errors: [{ path: '', code: 'invalid_record', message: 'Expected 3 fields as in the header, got 2' }],
    });
    expect(mapProfileRow(record({ user_id: 'a', userId: 'b' }), profiles)).toMatchObject({
      errors: [{ code: 'conflict', path: 'userId' }],
    });
  });

  it('builds an event with a message id derived from the row unless the file has one', () => {
    const derived = (row: number) => `import:abc:${row}`;
    expect(
      mapEventRow(
        record({
          userId: 42,
          event: 'order.completed',
          total: '10',
          'context.ip': '10.0.0.1',
          timestamp: '2025-01-01T00:00:00Z',
        }),
        events,
        derived,
      ),
    ).toEqual({
      row: 7,
      identities: [{ kind: 'user_id', value: '42' }],
      type: 'track',
      name: 'order.completed',
      properties: { total: 10 },
      context: { ip: '10.0.0.1' },
      messageId: 'import:abc:7',
      timestamp: '2025-01-01T00:00:00Z',
    });
    expect(mapEventRow(record({ userId: 'u', event: 'e', messageId: 'm-1' }), events, derived)).toMatchObject(
      {
        messageId: 'm-1',
        timestamp: null,
      },
    );
    expect(
      mapEventRow(record({ userId: 'u', type: 'identify', timestamp: '2025-01-01 00:00' }), events, derived),
    ).toMatchObject({
      errors: [{ path: 'event' }, { path: 'type' }, { path: 'timestamp' }],
    });
  });
});
