export * from './pressure-rules';
