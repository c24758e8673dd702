import type { JourneyDefinition, JourneyStep } from './definition';

/** The step a journey starts at (its trigger). Throws if the definition is inconsistent. */
export function triggerOf(definition: JourneyDefinition): JourneyStep {
  const { steps, entryStepId } = definition;
  const step = Object.prototype.hasOwnProperty.call(steps, entryStepId) ? steps[entryStepId] : undefined;
  if (!step || step.kind !== 'trigger') {
    throw new Error(`Journey definition has no trigger step '${entryStepId}'`);
  }
  return step;
}
