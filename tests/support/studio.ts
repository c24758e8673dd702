// The built studio (`npm run build -w apps/studio` first) under `next start`, the Debian Chromium
// that browser tests drive through playwright-core, and `useStudio`, a browser suite's set-up.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../scripts/stack/chromium.cjs';
import { AppProcess, repoRoot } from './app-process';
import { type JourneyStack, useJourneyStack } from './journey-stack';
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

export interface Credentials {
  email: string;
  password: string;
}

/** Signs in through the sign-in page, as a person would, and waits for the scenario list. */
async function signIn(page: Page, studioUrl: string, user: Credentials) {
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

export interface StudioSuiteOptions {
  /** Bootstraps the workspace with the demo data: the demo scenario and a studio admin user. */
  demo?: boolean;
  /** Journeys run: a worker on the suite's own task queue, sending email to an SMTP capture. */
  journeys?: boolean;
  /** More settings for the API. */
  apiEnv?: NodeJS.ProcessEnv;
  /** The pages' viewport; 1440 × 900 unless given. */
  viewport?: { width: number; height: number };
  /** Each test's page starts signed in as the demo admin user (needs `demo`). */
  signedIn?: boolean;
}

/** What the hooks of `useStudio` start and open, besides the journey stack. */
interface Started {
  studio: RunningStudio;
  browser: Browser;
  /** This test's own browser context (English, British dates) and its page. */
  context: BrowserContext;
  page: Page;
}

/** What a browser suite drives, there once the hooks `useStudio` registers have run. */
export interface StudioSuite extends JourneyStack, Omit<Started, 'studio'> {
  /** The studio's base URL. */
  url: string;
  /** The studio admin user of the demo data. */
  demoAdmin: Credentials;
  /** Signs this test's page in as `user`. */
  signIn(user: Credentials): Promise<void>;
}

/**
 * A browser suite's stack and browser, by hooks registered where it is called: before all, the
 * journey stack (`useJourneyStack`: database, workspace, API, and with `journeys` a worker and an
 * SMTP capture), the studio and Chromium; before each test, a browser context and page of its own;
 * after, all of it closed. The handle's fields are there once the set-up ran: read them inside
 * tests and hooks, not when the suite is declared.
 */
export function useStudio({
  demo = false,
  journeys = false,
  apiEnv,
  viewport = { width: 1440, height: 900 },
  signedIn = false,
}: StudioSuiteOptions = {}): StudioSuite {
  const stack = useJourneyStack({ apps: journeys ? 'api and worker' : 'api', apiEnv, demo });
  const state: Partial<Started> = {};
  const required = <K extends keyof Started>(key: K): Started[K] => {
    const value = state[key];
    if (value === undefined) throw new Error(`useStudio: no ${key} yet`);
    return value as Started[K];
  };

  beforeAll(async () => {
    [state.studio, state.browser] = await Promise.all([
      startStudio({ apiUrl: stack.api.url }),
      chromium.launch(chromiumLaunchOptions()),
    ]);
  });

  afterAll(async () => {
    await state.browser?.close();
    await state.studio?.stop();
  });

  beforeEach(async () => {
    state.context = await required('browser').newContext({ viewport, locale: 'en-GB' });
    state.page = await state.context.newPage();
    if (signedIn) await suite.signIn(suite.demoAdmin);
  });

  afterEach(async () => {
    await state.context?.close();
  });

  const browserParts = {
    get url() {
      return required('studio').url;
    },
    get browser() {
      return required('browser');
    },
    get context() {
      return required('context');
    },
    get page() {
      return required('page');
    },
    get demoAdmin() {
      const user = stack.workspace.adminUser;
      if (!user) throw new Error('useStudio: no demo admin: pass { demo: true }');
      return user;
    },
    signIn: (user: Credentials) => signIn(required('page'), required('studio').url, user),
  };
  // The stack's getters, and the browser's beside them.
  const suite: StudioSuite = Object.defineProperties(
    Object.create(stack) as JourneyStack,
    Object.getOwnPropertyDescriptors(browserParts),
  ) as StudioSuite;
  return suite;
}
