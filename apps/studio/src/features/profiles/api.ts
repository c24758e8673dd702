import 'server-only';
import { cache } from 'react';
import { apiGet, type ApiResult } from '@/lib/api/client';
import type { Profile360, ProfileEventsPage, ProfileLookup } from './types';

const enc = encodeURIComponent;

/** The live profile holding `kind:value` (a 404 when none does, a 400 naming what is malformed). */
export function findProfile(kind: string, value: string): Promise<ApiResult<ProfileLookup>> {
  return apiGet<ProfileLookup>(`/profiles?${new URLSearchParams({ identity: `${kind}:${value}` })}`);
}

/** Cached per request: the page and its metadata share one call. */
export const getProfile = cache((id: string): Promise<ApiResult<Profile360>> =>
  apiGet<Profile360>(`/profiles/${enc(`id:${id}`)}`),
);

export function listProfileEvents(id: string, before?: string): Promise<ApiResult<ProfileEventsPage>> {
  const query = new URLSearchParams({ limit: '50', ...(before ? { before } : {}) });
  return apiGet<ProfileEventsPage>(`/profiles/${enc(`id:${id}`)}/events?${query}`);
}
