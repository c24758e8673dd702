// Worker process for the benchmark's bare workflow, started like the journey worker: same Node,
// same SDK, same environment, and the journey worker's own tuning (apps/worker's `workerTuning`,
// so needs its build). It prints a line once it polls, as the journey worker does.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';

const require = createRequire(import.meta.url);
const { loadWorkerConfig, workerTuning } = require('../../../apps/worker/dist/config.js');

const config = loadWorkerConfig();
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflow.mjs', import.meta.url)),
  activities: { nothing: async () => {}, nothingLocally: async () => {} },
  ...workerTuning(config),
});
console.log(`Bare worker polling task queue '${config.TEMPORAL_TASK_QUEUE}'`);
// The SDK shuts down on SIGINT/SIGTERM: run() resolves once in-flight tasks are done.
await worker.run();
await connection.close();
