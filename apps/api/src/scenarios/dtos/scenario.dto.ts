import { scenarioGraphSchema } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const name = z.string().trim().min(1).max(200);
const emptyGraph = { nodes: [], edges: [] };

export class CreateScenarioDto extends createZodDto(
  z.object({ name, graph: scenarioGraphSchema.prefault(emptyGraph) }).strict(),
) {}

export class UpdateScenarioDto extends createZodDto(
  z
    .object({ name: name.optional(), graph: scenarioGraphSchema.optional() })
    .strict()
    .refine((body) => body.name !== undefined || body.graph !== undefined, {
      message: 'Give a name or a graph to change',
    }),
) {}

/** The body is optional: without a name the copy is called "Copy of <name>". */
export class DuplicateScenarioDto extends createZodDto(
  z.object({ name: name.optional() }).strict().default({}),
) {}

export class ScenarioIdParams extends createZodDto(z.object({ id: z.string().uuid() })) {}

export class ScenarioVersionParams extends createZodDto(
  z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1).max(1_000_000) }),
) {}

const scenarioSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  status: z.enum(['draft', 'live', 'paused', 'stopped', 'archived']),
  currentVersion: z.number().int().nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});

export class ScenarioSummaryDto extends createZodDto(scenarioSummary) {}
export class ScenarioDto extends createZodDto(scenarioSummary.extend({ graph: scenarioGraphSchema })) {}

export class ScenarioVersionSummaryDto extends createZodDto(
  z.object({ id: z.string().uuid(), version: z.number().int(), publishedAt: z.string().datetime() }),
) {}

export class ScenarioVersionDto extends createZodDto(
  z.object({
    id: z.string().uuid(),
    version: z.number().int(),
    publishedAt: z.string().datetime(),
    graph: scenarioGraphSchema,
  }),
) {}

const validationIssue = z.object({
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});

export class ValidationResultDto extends createZodDto(
  z.object({
    valid: z.boolean(),
    errors: z.array(validationIssue),
    /** Output ports of each node whose type is known and config valid, by node id. */
    ports: z.record(z.string(), z.array(z.string())),
  }),
) {}
