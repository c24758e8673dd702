// Entry point for Temporal workflow code: plain types and pure helpers only (no zod).
export * from './definition';
export * from './duration';
export * from './trigger-of';
export * from './workflow-contract';
