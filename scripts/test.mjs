// The last step of `npm test`: make sure the tools the integration and browser tests need exist
// (Temporal CLI, Debian chromium), then run Jest once over all projects. Extra args go to Jest.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureTemporalCli } from './stack/temporal-cli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jestArgs = process.argv.slice(2);

try {
  // Exported so global-setup does not search again and tests can call the CLI.
  process.env.TEMPORAL_CLI_PATH = await ensureTemporalCli();
  process.env.PARCOURS_CHROMIUM_PATH ??= ensureChromium();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const jest = spawn(
  process.execPath,
  [path.join(root, 'node_modules/jest/bin/jest.js'), '--ci', ...jestArgs],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// A terminal Ctrl-C reaches Jest directly (same process group): stay alive to relay its exit code.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => jest.kill(signal));
jest.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
