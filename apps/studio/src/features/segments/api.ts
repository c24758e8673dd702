import 'server-only';
import { cache } from 'react';
import { apiGet, type ApiResult } from '@/lib/api/client';
import type { ComputedTraitSummary, RuleChoices, Segment, SegmentMembersPage } from './types';

const enc = encodeURIComponent;

export function listSegments(): Promise<ApiResult<Segment[]>> {
  return apiGet<Segment[]>('/segments');
}

/** Cached per request: the page and its metadata share one call. */
export const getSegment = cache((id: string): Promise<ApiResult<Segment>> =>
  apiGet<Segment>(`/segments/${enc(id)}`),
);

/**
 * Segments with their member counts: the list route leaves counts out (each is a count over the
 * memberships), so each segment is read on its own, in parallel.
 */
export async function listSegmentsWithCounts(): Promise<ApiResult<Segment[]>> {
  const list = await listSegments();
  if (!list.ok) return list;
  const reads = await Promise.all(list.data.map((segment) => getSegment(segment.id)));
  return {
    ok: true,
    data: list.data.map((segment, index) => {
      const read = reads[index];
      return read.ok ? read.data : segment;
    }),
  };
}

export function listMembers(id: string, after?: string): Promise<ApiResult<SegmentMembersPage>> {
  const query = new URLSearchParams({ limit: '50', ...(after ? { after } : {}) });
  return apiGet<SegmentMembersPage>(`/segments/${enc(id)}/members?${query}`);
}

/** Other segments and the declared computed traits, for the builder's pickers. */
export async function ruleChoices(exceptSegmentId?: string): Promise<RuleChoices> {
  const [segments, traits] = await Promise.all([
    listSegments(),
    apiGet<ComputedTraitSummary[]>('/computed-traits'),
  ]);
  return {
    segments: segments.ok
      ? segments.data.filter((s) => s.id !== exceptSegmentId).map(({ id, name }) => ({ id, name }))
      : [],
    computedTraits: traits.ok ? traits.data.map(({ key, kind }) => ({ key, kind })) : [],
  };
}
