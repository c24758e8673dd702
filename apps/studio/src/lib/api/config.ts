import 'server-only';
import { cookies } from 'next/headers';

/** httpOnly, SameSite=Lax cookie of the studio holding the API session token of the signed-in user. */
export const SESSION_COOKIE = 'parcours_session';

export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

export function apiBaseUrl(): string {
  return (process.env.PARCOURS_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

export async function sessionToken(): Promise<string | null> {
  return (await cookies()).get(SESSION_COOKIE)?.value?.trim() || null;
}

/**
 * `Secure` when the studio is reached over HTTPS (a TLS proxy in front sets X-Forwarded-Proto), or
 * always with `PARCOURS_SECURE_COOKIES=1`; plain HTTP (local runs, tests) cannot keep such a cookie.
 */
export function secureCookies(forwardedProto: string | null): boolean {
  return process.env.PARCOURS_SECURE_COOKIES === '1' || forwardedProto?.split(',')[0].trim() === 'https';
}
