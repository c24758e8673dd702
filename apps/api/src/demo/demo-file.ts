import { z } from 'zod';

const workspaceSchema = z.object({
  name: z.string(),
  workspaceId: z.uuid(),
  adminKey: z.string().min(1),
  writeKey: z.string().min(1),
});

/**
 * What `demo --json` prints (and `npm run up` keeps in `.parcours/demo-workspace.json`), as far as
 * the simulator reads it: the keys, and the data set's parameters to regenerate its customers.
 */
export const loadedDemoFileSchema = z.object({
  profilesPerBrand: z.int().min(1),
  seed: z.int().min(0),
  now: z.iso.datetime(),
  miaoum: workspaceSchema,
  zoro: workspaceSchema,
});

export type LoadedDemoFile = z.infer<typeof loadedDemoFileSchema>;
