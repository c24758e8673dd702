// Browser tests drive Debian's chromium through playwright-core (never `npx playwright install`,
// whose CDN is not reachable here). Installs it with apt when we can; otherwise explains.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Returns the chromium path, installing it via apt-get if needed; throws if it cannot. */
export function ensureChromium() {
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const isRoot = process.getuid?.() === 0;
  const isDebian = fs.existsSync('/etc/debian_version');
  if (!isRoot || !isDebian) {
    throw new Error(
      `${CHROMIUM_PATH} is missing and cannot be installed automatically (${isDebian ? 'not root' : 'not Debian'}). ` +
        'Install Debian\'s "chromium" package (e.g. `sudo apt-get install chromium`) and retry.',
    );
  }
  console.log(`${CHROMIUM_PATH} is missing; installing Debian's chromium for the browser tests…`);
  if (
    !run('apt-get', ['update']) ||
    !run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])
  ) {
    throw new Error('apt-get could not install chromium; see the output above.');
  }
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`chromium was installed but ${CHROMIUM_PATH} is still missing.`);
  return CHROMIUM_PATH;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(ensureChromium());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
