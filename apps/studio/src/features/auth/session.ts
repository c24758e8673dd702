import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { apiGet, type ApiResult } from '@/lib/api/client';
import { sessionToken } from '@/lib/api/config';
import type { CurrentSession } from './types';

/** Who is signed in; one API call per request, shared by the layout and the page. */
export const getCurrentSession = cache(async (): Promise<ApiResult<CurrentSession>> => {
  if (!(await sessionToken()))
    return { ok: false, error: { kind: 'unauthorized', message: 'Not signed in' } };
  return apiGet<CurrentSession>('/auth/session');
});

/** The session, or a redirect to the sign-in page when there is none (or it expired). */
export async function requireSession(): Promise<ApiResult<CurrentSession>> {
  const result = await getCurrentSession();
  if (!result.ok && (result.error.kind === 'unauthorized' || result.error.kind === 'forbidden')) {
    redirect((await sessionToken()) ? '/sign-in?expired=1' : '/sign-in');
  }
  return result;
}
