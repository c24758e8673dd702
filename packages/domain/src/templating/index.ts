export { MAX_TEMPLATE_LENGTH, type TemplateEscape } from './engine';
export * from './render-template';
export { TemplateError, type TemplateIssue } from './template-issue';
export * from './validate-template';
