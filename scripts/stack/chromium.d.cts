import type { LaunchOptions } from 'playwright-core';

/** Options for playwright-core's `chromium.launch`: Debian's chromium, headless. */
export declare function chromiumLaunchOptions(): LaunchOptions;
