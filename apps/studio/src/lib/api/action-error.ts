import 'server-only';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ApiError } from './client';

/** What a server action tells its form; `fields` by field path when the API said which. */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string> };

/**
 * A failed API call as a message for the user. An expired session is not a message but a trip to
 * the sign-in page.
 */
export async function actionError(
  error: ApiError,
): Promise<{ ok: false; error: string; fields?: Record<string, string> }> {
  if (error.kind === 'unauthorized') redirect('/sign-in?expired=1');
  const t = await getTranslations('apiError');
  switch (error.kind) {
    case 'invalid':
      return {
        ok: false,
        error: error.message,
        fields: Object.fromEntries(error.errors.map((e) => [e.path, e.message])),
      };
    case 'unreachable':
      return { ok: false, error: t('unreachable.body', { url: error.url, reason: error.message }) };
    default:
      return { ok: false, error: error.message };
  }
}
