import { loadWorkerConfig } from './config';
import { createJourneyWorker } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const { worker, close } = await createJourneyWorker(config);
  console.log(
    `Journey worker polling task queue '${config.TEMPORAL_TASK_QUEUE}' on ${config.TEMPORAL_ADDRESS}`,
  );
  // The SDK shuts down gracefully on SIGINT/SIGTERM: running activities finish, then run() resolves.
  await worker.run();
  await close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
