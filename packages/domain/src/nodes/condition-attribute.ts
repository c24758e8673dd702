import { evaluatePredicate } from '../predicates/evaluate-predicate';
import { type PropertyPredicate, propertyPredicateSchema } from '../predicates/property-predicate';
import { defineNode } from './define-node';
import { profileView } from './node-execution';

export type ConditionAttributeConfig = PropertyPredicate;

export const conditionAttributeNode = defineNode({
  type: 'condition.attribute',
  version: 1,
  title: 'Profile attribute',
  description:
    "Branches on one attribute of the customer's profile, read when the step runs: a trait (e.g. country " +
    'equals FR) or a computed trait (e.g. computed.appetence equals cat).',
  category: 'conditions',
  kind: 'condition',
  configSchema: propertyPredicateSchema,
  defaultConfig: { path: 'email', operator: 'exists' },
  ports: () => ['yes', 'no'],
  async execute(ctx, config) {
    const profile = await ctx.profile();
    const port = profile !== null && evaluatePredicate(config, profileView(profile)) ? 'yes' : 'no';
    return { port, outcome: port };
  },
});
