// How many SMS a text costs, as carriers bill it (3GPP TS 23.038 / 23.040): GSM-7 when every
// character is in the GSM default alphabet or its extension table, UCS-2 otherwise. A long text
// travels as concatenated parts whose user-data header takes room: 153 septets or 67 UTF-16 units
// per part instead of 160 and 70. Shown in the studio before sending; Twilio bills the same count.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Characters as people count them (Unicode code points). */
  characters: number;
  /** Septets (GSM-7, an extension character takes two) or UTF-16 code units (UCS-2). */
  units: number;
  /** Messages billed; 0 for an empty text. */
  segments: number;
  /** Units a segment holds at this length: 160/70 for a single message, 153/67 once concatenated. */
  unitsPerSegment: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Sent as an escape septet followed by the character's own: two septets each. */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const GSM_BASIC_SET: ReadonlySet<string> = new Set(GSM_BASIC);
const GSM_EXTENSION_SET: ReadonlySet<string> = new Set(GSM_EXTENSION);

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/**
 * Counts the segments of `text`. A character is never split across two parts (an escaped GSM
 * character, an emoji's surrogate pair), so a part may hold one unit less than its size.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  const characters = [...text];
  const gsm = characters.every((c) => GSM_BASIC_SET.has(c) || GSM_EXTENSION_SET.has(c));
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const unitsOf = (c: string) => (gsm ? (GSM_EXTENSION_SET.has(c) ? 2 : 1) : c.length);
  const units = characters.reduce((sum, c) => sum + unitsOf(c), 0);
  const { single, part } = LIMITS[encoding];
  if (units <= single) {
    return {
      encoding,
      characters: characters.length,
      units,
      segments: units === 0 ? 0 : 1,
      unitsPerSegment: single,
    };
  }
  let segments = 1;
  let used = 0;
  for (const c of characters) {
    const size = unitsOf(c);
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, characters: characters.length, units, segments, unitsPerSegment: part };
}
