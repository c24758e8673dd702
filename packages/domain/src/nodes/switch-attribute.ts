import { z } from 'zod';
import { scenarioIdSchema } from '../graph/scenario-graph';
import { getPath } from '../predicates/get-path';
import { propertyPathSchema } from '../predicates/property-predicate';
import { checkBranchPorts } from './branch-ports';
import { defineNode } from './define-node';
import { profileView } from './node-execution';

export const OTHER_PORT = 'other';

export const switchAttributeConfigSchema = z
  .object({
    source: z.enum(['profile', 'trigger']).default('profile').meta({
      title: 'Read from',
      description:
        "The customer's profile, or the event that started the journey (e.g. the order's pack size)",
    }),
    path: propertyPathSchema.meta({ title: 'Attribute', examples: ['computed.appetence', 'country'] }),
    cases: z
      .array(
        z.object({
          value: z.union([z.string().max(1000), z.number(), z.boolean()]).meta({ title: 'Value' }),
          port: scenarioIdSchema.meta({ title: 'Branch' }),
        }),
      )
      .min(1)
      .max(50)
      .meta({ title: 'Cases' }),
  })
  .superRefine((config, ctx) => checkBranchPorts(config.cases, 'cases', OTHER_PORT, ctx));

export type SwitchAttributeConfig = z.output<typeof switchAttributeConfigSchema>;

export const switchAttributeNode = defineNode({
  type: 'switch.attribute',
  version: 1,
  title: 'Branch by attribute value',
  description:
    'One branch per value of a profile attribute (e.g. computed.appetence: cat, dog, rodent) or of the ' +
    "triggering event's properties (e.g. packSize: XL), plus 'other'.",
  category: 'conditions',
  kind: 'condition',
  configSchema: switchAttributeConfigSchema,
  defaultConfig: {
    source: 'profile',
    path: 'computed.appetence',
    cases: [
      { value: 'cat', port: 'cat' },
      { value: 'dog', port: 'dog' },
    ],
  },
  ports: (config) => [...config.cases.map((c) => c.port), OTHER_PORT],
  async execute(ctx, config) {
    const actual =
      config.source === 'trigger'
        ? getPath(ctx.journey.triggerEvent?.properties, config.path)
        : await ctx
            .profile()
            .then((profile) => (profile === null ? undefined : getPath(profileView(profile), config.path)));
    const match = config.cases.find((c) => c.value === actual);
    const port = match?.port ?? OTHER_PORT;
    return { port, outcome: port };
  },
});
