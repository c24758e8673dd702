import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class VapidPublicKeyDto extends createZodDto(
  z.object({
    publicKey: z
      .string()
      .meta({ description: 'Uncompressed P-256 point, unpadded base64url (87 characters)' }),
  }),
) {}
