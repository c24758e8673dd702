// @parcours/domain: the pure shared model. Workflow code imports `@parcours/domain/journey` instead.
export * from './journey';

export * from './graph/compile-scenario';
export * from './graph/scenario-graph';
export * from './graph/scenario-invalid-error';
export * from './graph/validate-scenario';
export * from './graph/validation-issue';

export * from './nodes/condition-attribute';
export * from './nodes/define-node';
export * from './nodes/exit';
export * from './nodes/node-catalog';
export * from './nodes/registry';
export * from './nodes/send-email';
export * from './nodes/trigger-event';
export * from './nodes/wait-duration';

export * from './predicates';
export * from './profiles';
export * from './templating';

export * from './fixtures/welcome-scenario';
