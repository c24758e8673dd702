'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { apiGet } from '@/lib/api/client';
import { apiBaseUrl, KEY_COOKIE } from '@/lib/api/config';

export interface ConnectState {
  error?: string;
}

const THIRTY_DAYS = 60 * 60 * 24 * 30;

/** Checks the pasted admin key against the API, then keeps it in an httpOnly cookie. */
export async function connectAction(_previous: ConnectState, formData: FormData): Promise<ConnectState> {
  const key = String(formData.get('key') ?? '').trim();
  if (!key) return { error: 'Paste an admin key first.' };

  const check = await apiGet<unknown>('/scenarios', { key, source: 'cookie' });
  if (!check.ok) {
    switch (check.error.kind) {
      case 'unauthorized':
        return { error: `The API rejected this key (401: ${check.error.message}). It was not saved.` };
      case 'unreachable':
        return { error: `Can’t reach the Parcours API at ${apiBaseUrl()} (${check.error.message}).` };
      default:
        return { error: `The API answered: ${check.error.message}.` };
    }
  }

  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  (await cookies()).set(KEY_COOKIE, key, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: THIRTY_DAYS,
  });
  redirect('/scenarios');
}

export async function disconnectAction(): Promise<void> {
  (await cookies()).delete(KEY_COOKIE);
  redirect('/connect');
}
