import { z } from 'zod';
import { scenarioSettingsSchema } from './scenario-settings';

// The editor's draft of a scenario, as the studio saves it. Bounded against hostile input.
export const MAX_NODES = 500;
export const MAX_EDGES = 2000;
export const MAX_CONFIG_KEYS = 100;

/** Node, edge and port ids. `__proto__` is refused so ids are always safe object keys. */
export const scenarioIdSchema = z.string().regex(/^(?!__proto__$)[A-Za-z0-9_-]{1,64}$/, {
  error: "Ids are 1 to 64 letters, digits, '_' or '-'",
});

export const scenarioNodeSchema = z.object({
  id: scenarioIdSchema,
  type: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, { error: "Node types are letters, digits, '.', '_' or '-'" }),
  /** The node type's version; the latest the API has when absent (pinned at publish either way). */
  typeVersion: z.int().min(1).max(1_000_000).optional(),
  config: z
    .record(z.string().max(100), z.unknown())
    .refine((config) => Object.keys(config).length <= MAX_CONFIG_KEYS, {
      error: `A node config has at most ${MAX_CONFIG_KEYS} keys`,
    })
    .default({}),
  position: z.object({ x: z.number().min(-1e6).max(1e6), y: z.number().min(-1e6).max(1e6) }).optional(),
  label: z.string().max(200).optional(),
});

export const scenarioEdgeSchema = z.object({
  id: scenarioIdSchema,
  source: scenarioIdSchema,
  sourcePort: scenarioIdSchema,
  target: scenarioIdSchema,
});

export const scenarioGraphSchema = z.object({
  nodes: z.array(scenarioNodeSchema).max(MAX_NODES),
  edges: z.array(scenarioEdgeSchema).max(MAX_EDGES),
  /** Entry rules and exit criteria of the whole scenario. */
  settings: scenarioSettingsSchema.default({ entry: { reentry: { policy: 'always' } }, exitCriteria: [] }),
});

export type ScenarioNode = z.output<typeof scenarioNodeSchema>;
export type ScenarioEdge = z.output<typeof scenarioEdgeSchema>;
export type ScenarioGraph = z.output<typeof scenarioGraphSchema>;
/** A graph as written before defaults are applied (`config` may be omitted). */
export type ScenarioGraphInput = z.input<typeof scenarioGraphSchema>;
