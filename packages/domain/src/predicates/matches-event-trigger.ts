import { evaluatePredicate } from './evaluate-predicate';
import type { PropertyPredicate } from './property-predicate';

export interface EventTriggerMatcher {
  event: string;
  filters?: readonly PropertyPredicate[];
}

export interface TriggeringEvent {
  name: string;
  properties?: Record<string, unknown>;
}

/** True when the event has the trigger's name and every filter holds on its properties. */
export function matchesEventTrigger(config: EventTriggerMatcher, event: TriggeringEvent): boolean {
  try {
    if (event.name !== config.event) return false;
    const filters = config.filters ?? [];
    return filters.every((filter) => evaluatePredicate(filter, event.properties ?? {}));
  } catch {
    return false;
  }
}
