export * from './compile-segment-rule';
export * from './decimal';
export * from './evaluate-segment-rule';
export * from './example-segments';
export * from './relative-time';
export * from './segment-references';
export * from './segment-rule';
export * from './value-tests';
