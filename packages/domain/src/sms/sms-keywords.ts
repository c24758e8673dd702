// The keywords carriers and Twilio treat as a customer's consent decision for SMS: a message that
// is exactly one of them (case and surrounding spaces aside) opts the sender out or back in.

const OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
]);
const OPT_IN_KEYWORDS: ReadonlySet<string> = new Set(['START', 'YES', 'UNSTOP']);

export interface SmsConsentKeyword {
  status: 'granted' | 'revoked';
  keyword: string;
}

/**
 * The consent decision an inbound text carries, or null. `optOutType` is Twilio's own reading
 * (`STOP`, `START`, `HELP`, with Advanced Opt-Out and custom keywords) and wins when present.
 */
export function smsConsentKeyword(body: string, optOutType?: string): SmsConsentKeyword | null {
  const word = body.trim().toUpperCase();
  if (optOutType === 'STOP' || (!optOutType && OPT_OUT_KEYWORDS.has(word))) {
    return { status: 'revoked', keyword: OPT_OUT_KEYWORDS.has(word) ? word : 'STOP' };
  }
  if (optOutType === 'START' || (!optOutType && OPT_IN_KEYWORDS.has(word))) {
    return { status: 'granted', keyword: OPT_IN_KEYWORDS.has(word) ? word : 'START' };
  }
  return null;
}
