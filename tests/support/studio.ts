// The built studio (`npm run build -w apps/studio` first) under `next start`, and the Debian
// Chromium that browser tests drive through playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { AppProcess, repoRoot } from './app-process';
import { freePort, waitFor } from './ports';

export interface RunningStudio {
  url: string;
  process: AppProcess;
  stop(): Promise<void>;
}

const STUDIO_DIR = 'apps/studio';

/** Starts the studio against an API; people sign in to it with their own accounts. */
export async function startStudio({ apiUrl }: { apiUrl: string }): Promise<RunningStudio> {
  if (!existsSync(join(repoRoot, STUDIO_DIR, '.next', 'BUILD_ID'))) {
    throw new Error('The studio is not built: run `npm run build -w apps/studio` first.');
  }
  const port = await freePort();
  // `next start <dir>` runs the app in <dir> exactly as `next start` with that cwd would.
  const studio = new AppProcess(
    'studio',
    'node_modules/next/dist/bin/next',
    ['start', STUDIO_DIR, '--port', String(port), '--hostname', '127.0.0.1'],
    { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PARCOURS_API_URL: apiUrl },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'the studio to answer',
      async () => {
        if (!studio.running) throw new Error(`studio exited:\n${studio.log}`);
        return (await fetch(`${url}/sign-in`)).status === 200 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (error) {
    await studio.kill();
    throw new Error(`${(error as Error).message}\n--- studio log ---\n${studio.log}`, { cause: error });
  }
  return { url, process: studio, stop: () => studio.stop() };
}

/** Debian's chromium, headless (never `npx playwright install`). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARCOURS_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs in through the sign-in page, as a person would, and waits for the scenario list. */
export async function signIn(page: Page, studioUrl: string, user: { email: string; password: string }) {
  await page.goto(`${studioUrl}/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${studioUrl}/scenarios`);
}

const ARTIFACTS = join(repoRoot, 'tests', 'artifacts');

/** A full-page screenshot in tests/artifacts/ (gitignored), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `studio-${name}.png`);
  await page.screenshot({ path });
  return path;
}

const CONTROLS = [
  'button',
  'link',
  'tab',
  'textbox',
  'searchbox',
  'combobox',
  'checkbox',
  'dialog',
  'group',
  'tabpanel',
];

/**
 * Every control of the page has an accessible name, by the browser's own accessibility tree
 * (a nameless control shows as `- button` with nothing after the role).
 */
export async function expectEveryControlNamed(page: Page): Promise<void> {
  const tree = await page.locator('body').ariaSnapshot();
  const nameless = tree
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => CONTROLS.some((role) => new RegExp(`^- ${role}(:|\\s*\\[|$)`).test(line)));
  if (nameless.length > 0)
    throw new Error(`Controls without a name:\n${nameless.join('\n')}\n--- tree ---\n${tree}`);
}
