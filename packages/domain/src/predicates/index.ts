export * from './evaluate-predicate';
export * from './get-path';
export * from './iso-date';
export * from './matches-event-trigger';
export * from './property-predicate';
