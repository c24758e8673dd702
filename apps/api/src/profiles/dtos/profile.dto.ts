import { profileTraitsSchema } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const externalIdSchema = z.string().trim().min(1).max(200);

const consentInput = z
  .object({ status: z.enum(['granted', 'revoked']), source: z.string().max(200).optional() })
  .strict();

export type ConsentRecord = z.infer<typeof consentInput> & { at: string };
export type Consents = Partial<Record<'email' | 'sms' | 'push', ConsentRecord>>;

/** Free JSON (event properties), bounded so one call cannot hold megabytes. */
export const propertiesSchema = z
  .record(z.string().min(1).max(100), z.unknown())
  .refine((t) => Object.keys(t).length <= 200, 'At most 200 properties')
  .refine((t) => JSON.stringify(t).length <= 32_768, 'Properties must serialise to at most 32 KiB');

export class UpsertProfileDto extends createZodDto(
  z
    .object({
      email: z.email().max(320).optional(),
      traits: profileTraitsSchema.default({}),
      consents: z
        .object({ email: consentInput, sms: consentInput, push: consentInput })
        .partial()
        .strict()
        .default({}),
    })
    .strict(),
) {}

export class ProfileParams extends createZodDto(z.object({ userId: externalIdSchema })) {}

export class ProfileDto extends createZodDto(
  z.object({
    id: z.string().uuid(),
    userId: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    traits: z.record(z.string(), z.unknown()),
    consents: z.record(
      z.string(),
      z.object({ status: z.string(), source: z.string().optional(), at: z.string() }),
    ),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  }),
) {}
