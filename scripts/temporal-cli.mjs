// Ensures the Temporal CLI is available (building it if needed) and prints its absolute path.
import { ensureTemporalCli } from './stack/temporal-cli.mjs';

try {
  console.log(await ensureTemporalCli());
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
