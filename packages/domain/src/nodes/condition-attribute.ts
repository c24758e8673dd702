import { type PropertyPredicate, propertyPredicateSchema } from '../predicates/property-predicate';
import { defineNode } from './define-node';

export type ConditionAttributeConfig = PropertyPredicate;

export const conditionAttributeNode = defineNode({
  type: 'condition.attribute',
  version: 1,
  title: 'Profile attribute',
  description: "Branches on one attribute of the customer's profile, e.g. country equals FR.",
  category: 'conditions',
  kind: 'condition',
  configSchema: propertyPredicateSchema,
  defaultConfig: { path: 'email', operator: 'exists' },
  ports: () => ['yes', 'no'],
});
