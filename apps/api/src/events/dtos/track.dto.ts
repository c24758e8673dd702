import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { externalIdSchema, propertiesSchema } from '../../profiles/dtos/profile.dto';

/** Segment's `track` call (the fields Parcours uses today). */
export class TrackDto extends createZodDto(
  z.object({
    userId: externalIdSchema,
    event: z.string().trim().min(1).max(200),
    properties: propertiesSchema.default({}),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    messageId: z.string().min(1).max(200).optional(),
  }),
) {}

export class TrackResultDto extends createZodDto(z.object({ success: z.literal(true) })) {}
