import { z } from 'zod';
import { defineNode } from './define-node';

export const exitConfigSchema = z.strictObject({});

export const exitNode = defineNode({
  type: 'exit',
  version: 1,
  title: 'Exit',
  description: 'Ends the journey for the customer.',
  category: 'flow',
  kind: 'exit',
  configSchema: exitConfigSchema,
  defaultConfig: {},
  ports: () => [],
});
