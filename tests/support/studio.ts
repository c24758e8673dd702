// Runs the built studio (`npm run build -w apps/studio` first) with `next start` for browser tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, repoRoot } from './app-process';
import { freePort, waitFor } from './ports';

export interface RunningStudio {
  url: string;
  process: AppProcess;
  stop(): Promise<void>;
}

const STUDIO_DIR = 'apps/studio';

/**
 * Starts the studio against an API. `apiKey` becomes PARCOURS_API_KEY (the server-side default
 * key); pass none to start a studio that has to be connected through /connect.
 */
export async function startStudio({
  apiUrl,
  apiKey,
}: {
  apiUrl: string;
  apiKey?: string;
}): Promise<RunningStudio> {
  if (!existsSync(join(repoRoot, STUDIO_DIR, '.next', 'BUILD_ID'))) {
    throw new Error('The studio is not built: run `npm run build -w apps/studio` first.');
  }
  const port = await freePort();
  // `next start <dir>` runs the app in <dir> exactly as `next start` with that cwd would.
  const studio = new AppProcess(
    'studio',
    'node_modules/next/dist/bin/next',
    ['start', STUDIO_DIR, '--port', String(port), '--hostname', '127.0.0.1'],
    {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PARCOURS_API_URL: apiUrl,
      PARCOURS_API_KEY: apiKey ?? '',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'the studio to answer',
      async () => {
        if (!studio.running) throw new Error(`studio exited:\n${studio.log}`);
        return (await fetch(`${url}/connect`)).status === 200 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (error) {
    await studio.kill();
    throw new Error(`${(error as Error).message}\n--- studio log ---\n${studio.log}`, { cause: error });
  }
  return { url, process: studio, stop: () => studio.stop() };
}
