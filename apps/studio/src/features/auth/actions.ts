'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { apiRequest } from '@/lib/api/client';
import { secureCookies, SESSION_COOKIE } from '@/lib/api/config';
import { safeNextPath } from './next-path';
import type { SessionUser } from './types';

export interface SignInState {
  error?: string;
  /** The error is about what was typed (not, say, an unreachable API). */
  invalid?: boolean;
  email?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const t = await getTranslations('signIn.errors');
  if (!email || !password) return { error: t('missing'), invalid: true, email };

  const result = await apiRequest<{ token: string; expiresAt: string; user: SessionUser }>(
    'POST',
    '/auth/session',
    { email, password },
    { token: null },
  );
  if (!result.ok) {
    const { error } = result;
    switch (error.kind) {
      case 'unauthorized':
        return { error: t('wrong'), invalid: true, email };
      case 'too-many':
        return { error: t('tooMany', { minutes: Math.ceil(error.retryAfterSeconds / 60) }), email };
      case 'invalid':
        return { error: t('missing'), invalid: true, email };
      case 'unreachable':
        return { error: t('unreachable', { url: error.url }), email };
      default:
        return { error: t('unexpected', { message: error.message }), email };
    }
  }

  (await cookies()).set(SESSION_COOKIE, result.data.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies((await headers()).get('x-forwarded-proto')),
    path: '/',
    expires: new Date(result.data.expiresAt),
  });
  redirect(safeNextPath(form.get('next')));
}

export async function signOutAction(): Promise<void> {
  // Ends the session on the API too, so a copied cookie is worthless afterwards.
  await apiRequest('DELETE', '/auth/session');
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/sign-in');
}
