// Jest globalTeardown: stops the services global-setup.mjs started (a no-op after the first call).
import { stopTestStack } from './global-setup.mjs';

export default async function globalTeardown() {
  await stopTestStack();
}
