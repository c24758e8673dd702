'use server';

import { getTranslations } from 'next-intl/server';
import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiGet } from '@/lib/api/client';
import { identityRef } from './identity-ref';
import type { PickedProfile } from './types';

/** The customer holding an identity: a userId, an email, a phone or any `kind:value`. */
export async function findProfileAction(typed: string): Promise<ActionResult<PickedProfile>> {
  const t = await getTranslations('profilePicker');
  const ref = typeof typed === 'string' ? identityRef(typed.slice(0, 400)) : null;
  if (!ref) return { ok: false, error: t('required') };
  const result = await apiGet<PickedProfile>(`/profiles?identity=${encodeURIComponent(ref)}`);
  if (result.ok) {
    const { id, userId, email, phone, traits } = result.data;
    return { ok: true, data: { id, userId, email, phone, traits: traits ?? {} } };
  }
  if (result.error.kind === 'not-found')
    return { ok: false, error: t('notFound', { identifier: typed.trim() }) };
  const failure = await actionError(result.error);
  // A malformed identity: the API's reason (e.g. an invalid email) is about the one field.
  return { ok: false, error: failure.fields?.identity ?? failure.error };
}
