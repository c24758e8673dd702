// `npm run bench [-- <name>…]`: runs the benchmarks one after the other (they share the machine,
// so never at once), or only those named, e.g. `npm run bench -- journeys`. Each writes its own
// section of docs/benchmarks.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
// In this order; a benchmark whose script is not there (yet) is skipped.
const BENCHMARKS = ['ingest', 'journeys', 'segments', 'email', 'studio'];

const available = BENCHMARKS.filter((name) => fs.existsSync(path.join(dir, `${name}.mjs`)));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? available.filter((name) => wanted.includes(name)) : available;

// A terminal Ctrl-C reaches the running benchmark too: let it stop what it started, then exit.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (interrupted = true));

const failed = [];
for (const name of selected) {
  if (interrupted) break;
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, `${name}.mjs`)], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (status, signal) => resolve(signal ? 1 : status));
  });
  console.log(
    `=== bench: ${name} ${code === 0 ? 'done' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s ===`,
  );
  if (code !== 0) failed.push(name);
}
if (failed.length > 0) console.error(`\nFailed: ${failed.join(', ')}`);
process.exit(interrupted ? 130 : failed.length > 0 ? 1 : 0);
