import type { Rule } from './rule-draft';

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  rule: Rule;
  version: number;
  builtVersion: number | null;
  builtAt: string | null;
  /** Single-segment reads only. */
  memberCount?: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProfileSummary {
  profileId: string;
  userId: string | null;
  email: string | null;
}

export interface SegmentPreview {
  count: number;
  sample: ProfileSummary[];
  tookMs: number;
}

export interface SegmentMembersPage {
  members: (ProfileSummary & { segmentVersion: number; enteredAt: string })[];
  nextCursor: string | null;
}

export interface ComputedTraitSummary {
  key: string;
  kind: string;
}

/** What the builder's pickers offer. */
export interface RuleChoices {
  segments: { id: string; name: string }[];
  computedTraits: ComputedTraitSummary[];
}
