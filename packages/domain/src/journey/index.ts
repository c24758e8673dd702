// Entry point for Temporal workflow code: plain types and pure helpers only (no zod).
export * from './conversion';
export * from './definition';
export * from './duration';
export * from './scenario-stats';
export * from './split-bucket';
export * from './trigger-of';
export * from './workflow-contract';
export {
  type EventTriggerMatcher,
  matchesEventTrigger,
  type TriggeringEvent,
} from '../predicates/matches-event-trigger';
export { getPath } from '../predicates/get-path';
export type { PropertyPredicate } from '../predicates/property-predicate';
