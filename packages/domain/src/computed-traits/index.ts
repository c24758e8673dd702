export * from './computed-trait-definition';
export * from './kinds/lifecycle';
export * from './kinds/nps';
export * from './trait-input';
export * from './trait-kind';
