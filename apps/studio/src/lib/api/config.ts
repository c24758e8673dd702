import { cookies } from 'next/headers';

/** Name of the httpOnly cookie set by the /connect page. */
export const KEY_COOKIE = 'parcours_key';

export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

export function apiBaseUrl(): string {
  return (process.env.PARCOURS_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

export type KeySource = 'cookie' | 'env' | 'none';

export interface ResolvedKey {
  key: string | null;
  source: KeySource;
}

/** The admin key for this request: the `parcours_key` cookie wins over `PARCOURS_API_KEY`. */
export async function resolveApiKey(): Promise<ResolvedKey> {
  const fromCookie = (await cookies()).get(KEY_COOKIE)?.value?.trim();
  if (fromCookie) return { key: fromCookie, source: 'cookie' };
  const fromEnv = process.env.PARCOURS_API_KEY?.trim();
  if (fromEnv) return { key: fromEnv, source: 'env' };
  return { key: null, source: 'none' };
}
