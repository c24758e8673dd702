import { z } from 'zod';
import { defineNode } from './define-node';

export const triggerApiConfigSchema = z.strictObject({});

export const triggerApiNode = defineNode({
  type: 'trigger.api',
  version: 1,
  title: 'When added by API',
  description: 'Customers enter when a system calls POST /scenarios/{id}/entries with their profile ids.',
  category: 'triggers',
  kind: 'trigger',
  configSchema: triggerApiConfigSchema,
  defaultConfig: {},
  ports: () => ['out'],
});
