import { isIsoDate, parseIsoDate } from './iso-date';

describe('parseIsoDate', () => {
  it.each([
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2024-05-01T10:00Z', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T10:00:30Z', Date.UTC(2024, 4, 1, 10, 0, 30)],
    ['2024-05-01T12:00:00+02:00', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T00:30:00-01:45', Date.UTC(2024, 4, 1, 2, 15)],
    ['2024-05-01T10:00:00.5Z', Date.UTC(2024, 4, 1, 10, 0, 0, 500)],
    ['2024-05-01T10:00:00.123999999Z', Date.UTC(2024, 4, 1, 10, 0, 0, 123)],
    ['0001-01-01', -62135596800000],
    ['0099-12-31T23:59:59Z', Date.parse('0099-12-31T23:59:59Z')],
  ])('reads %s', (text, ms) => {
    expect(parseIsoDate(text)).toBe(ms);
  });

  it.each([
    '2023-02-29',
    '2024-04-31',
    '2024-13-01',
    '0000-01-01',
    '2024-05-01T24:00:00Z',
    '2024-05-01T23:60:00Z',
    '2024-05-01T23:00:60Z',
    '2024-05-01T10:00:00+24:00',
    '2024-05-01T10:00:00+01:60',
    '2024-05-01T10:00:00',
    '2024-05-01T10:00:00.Z',
    '2024-05-01T10:00:00.1234567890Z',
    '２０２４-05-01',
    '2024-5-1',
    ' 2024-05-01',
  ])('refuses %s', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
    expect(isIsoDate(text)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 20240501, new Date(), ['2024-05-01']]) {
      expect(parseIsoDate(value)).toBeUndefined();
    }
  });
});
