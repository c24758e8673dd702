/**
 * Where to go after signing in: a path of this studio only (`/scenarios/…`), never another site
 * (`//evil.test`, `/\evil.test`, `https://…`) and never back to the sign-in page.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000) return '/scenarios';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/scenarios';
  if ([...raw].some((char) => char.charCodeAt(0) < 0x20)) return '/scenarios';
  if (raw === '/sign-in' || raw.startsWith('/sign-in?') || raw === '/') return '/scenarios';
  return raw;
}
