import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ScenarioTemplateParams extends createZodDto(
  z.object({
    id: z.string().regex(/^[a-z0-9-]{1,100}$/, 'A template id is lowercase letters, digits and -'),
  }),
) {}

/** The body is optional: without a name the scenario takes the template's. */
export class ImportScenarioTemplateDto extends createZodDto(
  z
    .object({ name: z.string().trim().min(1).max(200).optional() })
    .strict()
    .default({}),
) {}

export class ScenarioTemplateSummaryDto extends createZodDto(
  z.object({
    id: z.string(),
    brand: z.string(),
    name: z.string(),
    description: z.string(),
    source: z.string(),
    /** What importing it creates when the workspace lacks them. */
    segments: z.array(z.string()),
    computedTraits: z.array(z.string()),
  }),
) {}
