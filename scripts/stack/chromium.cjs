// How Parcours drives Chromium through playwright-core: Debian's build, headless, never
// `npx playwright install`. Shared by the browser tests (tests/support/studio.ts) and the scripted
// stack (studio-stack.mjs). CommonJS because Jest's runtime loads the tests as CommonJS and cannot
// require an ES module on Node 20, while ES modules import CommonJS fine.

/** Options for playwright-core's `chromium.launch`. */
function chromiumLaunchOptions() {
  return {
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
  };
}

module.exports = { chromiumLaunchOptions };
