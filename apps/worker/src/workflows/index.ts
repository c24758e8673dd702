// The workflow bundle's entry point: every workflow type this worker runs.
export { journeyWorkflow } from './journey.workflow';
