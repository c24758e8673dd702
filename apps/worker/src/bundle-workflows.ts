import { writeFile } from 'node:fs/promises';
import { bundleWorkflowCode } from '@temporalio/worker';

/** Builds the workflow bundle ahead of time (Docker image); point WORKFLOW_BUNDLE_PATH at it. */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'dist/workflow-bundle.js';
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows') });
  await writeFile(out, code);
  console.log(`Workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
