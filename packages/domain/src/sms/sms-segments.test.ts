import { countSmsSegments } from './sms-segments';

describe('countSmsSegments', () => {
  it('counts an empty text as nothing to send', () => {
    expect(countSmsSegments('')).toEqual({
      encoding: 'GSM-7',
      characters: 0,
      units: 0,
      segments: 0,
      unitsPerSegment: 160,
    });
  });

  it('fits 160 GSM-7 characters in one message and splits 161 into parts of 153', () => {
    expect(countSmsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({ segments: 2, unitsPerSegment: 153 });
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(countSmsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('keeps the accented letters of the GSM alphabet in GSM-7, not the others', () => {
    const gsm = 'Zoé paie 5£ à Ñico? ¿Ok! ÄÖÜß';
    expect(countSmsSegments(gsm)).toMatchObject({
      encoding: 'GSM-7',
      characters: gsm.length,
      units: gsm.length,
    });
    // Ç is in the GSM alphabet, ç and ú are not.
    expect(countSmsSegments('Ça va')).toMatchObject({ encoding: 'GSM-7' });
    expect(countSmsSegments('ça va')).toMatchObject({ encoding: 'UCS-2' });
    expect(countSmsSegments('Ñandú')).toMatchObject({ encoding: 'UCS-2' });
  });

  it('counts extension characters (€ [ ] { } ~ ^ | \\) as two septets', () => {
    expect(countSmsSegments('Price: 10€')).toMatchObject({ encoding: 'GSM-7', characters: 10, units: 11 });
    expect(countSmsSegments('{}[]~^|\\€')).toMatchObject({ characters: 9, units: 18, segments: 1 });
    // 159 septets + one escaped character: 161 septets, two parts.
    expect(countSmsSegments(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('never splits an escaped character across two parts', () => {
    // 306 septets would fit two parts of 153, but the € cannot straddle the first part's end: it
    // starts the second part (152 + 153), and the last septet needs a third.
    expect(countSmsSegments(`${'a'.repeat(152)}€${'b'.repeat(152)}`)).toMatchObject({
      units: 306,
      segments: 3,
    });
    expect(countSmsSegments(`${'a'.repeat(151)}€${'b'.repeat(153)}`)).toMatchObject({
      units: 306,
      segments: 2,
    });
  });

  it('switches to UCS-2 for any character outside the GSM alphabet: 70 units, then 67', () => {
    expect(countSmsSegments('Привет')).toMatchObject({ encoding: 'UCS-2', units: 6, segments: 1 });
    expect(countSmsSegments(`${'a'.repeat(69)}ç`)).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(countSmsSegments(`${'a'.repeat(70)}ç`)).toMatchObject({ segments: 2, unitsPerSegment: 67 });
  });

  it('counts an emoji as one character but two UTF-16 units, never split', () => {
    expect(countSmsSegments('Hi 👋')).toMatchObject({ encoding: 'UCS-2', characters: 4, units: 5 });
    expect(countSmsSegments('👋'.repeat(35))).toMatchObject({ characters: 35, units: 70, segments: 1 });
    // 36 emoji = 72 units: parts of 67 hold 33 emoji (66 units), the pair never split.
    expect(countSmsSegments('👋'.repeat(36))).toMatchObject({ units: 72, segments: 2 });
    expect(countSmsSegments(`a${'👋'.repeat(34)}`)).toMatchObject({ units: 69, segments: 1 });
    expect(countSmsSegments(`a${'👋'.repeat(67)}`)).toMatchObject({ units: 135, segments: 3 });
  });
});
