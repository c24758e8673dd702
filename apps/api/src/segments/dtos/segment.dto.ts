import { segmentRuleSchema } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const name = z.string().trim().min(1).max(200);
const description = z.string().trim().max(2000).nullable();
// One schema object for every request (OpenAPI names it once); responses show the rule as saved.
const rule = segmentRuleSchema;
const savedRule = z
  .record(z.string(), z.unknown())
  .describe('The rule as saved (a SegmentRule: see docs/segments.md).');
const at = z.string().datetime();

export class CreateSegmentDto extends createZodDto(
  z.strictObject({ name, description: description.optional(), rule }),
) {}

export class UpdateSegmentDto extends createZodDto(
  z
    .strictObject({ name: name.optional(), description: description.optional(), rule: rule.optional() })
    .refine((body) => Object.keys(body).length > 0, {
      message: 'Give a name, a description or a rule to change',
    }),
) {}

export class PreviewSegmentDto extends createZodDto(
  z.strictObject({
    rule,
    sampleSize: z.int().min(0).max(50).default(10).describe('How many matching profiles to show.'),
  }),
) {}

export class SegmentIdParams extends createZodDto(z.object({ id: z.uuid() })) {}

export const MAX_MEMBERS_PAGE = 1_000;

export class SegmentMembersQuery extends createZodDto(
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(MAX_MEMBERS_PAGE).default(100),
    after: z.uuid().optional().describe("The previous page's `nextCursor`."),
  }),
) {}

export class SegmentDto extends createZodDto(
  z.object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    rule: savedRule,
    version: z.int().describe('Goes up by one each time the rule changes.'),
    builtVersion: z
      .int()
      .nullable()
      .describe('The version whose members are materialised; behind `version` while a rebuild runs.'),
    builtAt: at.nullable(),
    memberCount: z.int().optional().describe('Current members (single-segment reads only).'),
    createdAt: at,
    updatedAt: at,
  }),
) {}

export class InstalledExamplesDto extends createZodDto(
  z.object({
    computedTraits: z.array(z.string()).describe('Keys of the computed traits declared now'),
    segments: z.array(SegmentDto.schema).describe('The segments created now (built in the background)'),
  }),
) {}

const profileSummary = z.object({
  profileId: z.uuid(),
  userId: z.string().nullable(),
  email: z.string().nullable(),
});

export class SegmentPreviewDto extends createZodDto(
  z.object({
    count: z.int().describe('Live profiles matching the rule now.'),
    sample: z.array(profileSummary),
    tookMs: z.int(),
  }),
) {}

export class SegmentMembersPageDto extends createZodDto(
  z.object({
    members: z.array(profileSummary.extend({ segmentVersion: z.int(), enteredAt: at })),
    nextCursor: z.uuid().nullable().describe('Pass as `after` for the next page; null on the last page.'),
  }),
) {}
