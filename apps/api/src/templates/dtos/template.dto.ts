import { messageTemplateContentSchema, MESSAGE_CHANNELS } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const name = z.string().trim().min(1).max(200);
const content = messageTemplateContentSchema.describe(
  'The message, by channel: email {subject, preheader?, html | mjml, text?, fromName?, fromEmail?, replyTo?}, sms {body}, push {title, body, icon?, url?}. Liquid throughout.',
);

export class CreateTemplateDto extends createZodDto(z.strictObject({ name, content })) {}

export class UpdateTemplateDto extends createZodDto(
  z
    .strictObject({ name: name.optional(), content: content.optional() })
    .refine((body) => body.name !== undefined || body.content !== undefined, {
      message: 'Give a name or a content to change',
    }),
) {}

/** Variables a preview may stand in for the trigger event and earlier steps (bounded). */
const sampleObject = z
  .record(z.string().max(100), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 32_768, { message: 'At most 32 KiB of sample data' });

export class PreviewTemplateDto extends createZodDto(
  z
    .strictObject({
      profileId: z.uuid().describe('The customer to render for.'),
      templateId: z.uuid().optional().describe('A saved template (its latest version unless `version`).'),
      version: z.int().min(1).optional(),
      content: content.optional().describe('Or a draft, not saved.'),
      event: sampleObject.optional().describe('Stands in for the trigger event’s properties.'),
      journey: sampleObject.optional().describe('Stands in for variables set by earlier steps.'),
    })
    .refine((body) => (body.templateId === undefined) !== (body.content === undefined), {
      message: 'Give either a templateId or a draft content',
      path: ['templateId'],
    }),
) {}

export class TemplateIdParams extends createZodDto(z.object({ id: z.uuid() })) {}
export class TemplateVersionParams extends createZodDto(
  z.object({ id: z.uuid(), version: z.coerce.number().int().min(1).max(1_000_000) }),
) {}
export class ListTemplatesQuery extends createZodDto(
  z.strictObject({ channel: z.enum(MESSAGE_CHANNELS).optional() }),
) {}

export class TemplateDto extends createZodDto(
  z.object({
    id: z.uuid(),
    name: z.string(),
    channel: z.enum(MESSAGE_CHANNELS),
    version: z.int().describe('The latest version; every save makes a new one, versions never change.'),
    content: z.record(z.string(), z.unknown()),
    compiledHtml: z.string().nullable().describe('The HTML an MJML body compiled to (Liquid kept).'),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  }),
) {}

export class TemplatePreviewDto extends createZodDto(
  z.object({
    channel: z.enum(MESSAGE_CHANNELS),
    rendered: z.record(z.string(), z.unknown()).describe('The message as this customer would get it.'),
  }),
) {}
