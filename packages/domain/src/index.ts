// @parcours/domain: the pure shared model. Workflow code imports `@parcours/domain/journey` instead.
export * from './journey';

export * from './computed-traits';
export * from './graph/compile-scenario';
export * from './graph/scenario-graph';
export * from './graph/scenario-invalid-error';
export * from './graph/scenario-segments';
export * from './graph/scenario-settings';
export * from './graph/validate-scenario';
export * from './graph/validation-issue';

export * from './nodes/condition-attribute';
export * from './nodes/condition-consent';
export * from './nodes/condition-engagement';
export * from './nodes/condition-segment';
export * from './nodes/define-node';
export * from './nodes/exit';
export * from './nodes/fake-execution-context';
export * from './nodes/goal';
export * from './nodes/message-node';
export * from './nodes/node-catalog';
export * from './nodes/node-execution';
export * from './nodes/node-packages';
export * from './nodes/registry';
export * from './nodes/run-node-step';
export * from './nodes/send-email';
export * from './nodes/send-push';
export * from './nodes/send-sms';
export * from './nodes/split-random';
export * from './nodes/switch-attribute';
export * from './nodes/trigger-api';
export * from './nodes/trigger-date';
export * from './nodes/trigger-event';
export * from './nodes/trigger-schedule';
export * from './nodes/trigger-segment';
export * from './nodes/update-profile';
export * from './nodes/wait-duration';
export * from './nodes/wait-event';
export * from './nodes/wait-until';
export * from './nodes/webhook';

export * from './messaging/delivery-events';
export * from './messaging/tracking-token';
export * from './templates/message-template';

export * from './predicates';
export * from './pressure';
export * from './profiles';
export * from './simulation/simulate-journey';
export * from './sms/sms-keywords';
export * from './sms/sms-segments';
export * from './sms/twilio-webhooks';
export * from './scenario-templates';
export * from './segments';
export * from './templating';

export * from './fixtures/welcome-scenario';
