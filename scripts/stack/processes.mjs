// Child-process helpers for the local stack: prefixed, coloured log lines and a stop that
// escalates from a polite signal to SIGKILL, so nothing is left running after Ctrl-C.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';

const COLOURS = [36, 35, 33, 32, 34, 96, 95, 93];
const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
let nextColour = 0;

/** Returns `log(line)` that prints `[name] line` in a colour of its own. */
export function linePrinter(name, stream = process.stdout) {
  const colour = COLOURS[nextColour++ % COLOURS.length];
  const prefix = useColour ? `\x1b[${colour}m[${name}]\x1b[0m ` : `[${name}] `;
  return (line) => stream.write(`${prefix}${line}\n`);
}

// Children with their own process group: signals go to the group, so grandchildren stop too.
const groupLeaders = new WeakSet();
// Anything still alive when this process exits (crash, process.exit) gets a last signal.
const alive = new Map();
process.on('exit', () => {
  for (const [child, signal] of alive) signalChild(child, signal);
});

export function isRunning(child) {
  return child.exitCode === null && child.signalCode === null;
}

export function signalChild(child, signal) {
  try {
    if (groupLeaders.has(child)) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

/**
 * `spawn` that remembers whether the child leads its own process group and signals it with
 * `exitSignal` if we exit while it still runs. Detached children do not receive a terminal
 * Ctrl-C, so the caller can stop them in the order it chooses.
 */
export function spawnChild(command, args, { exitSignal = 'SIGTERM', ...options } = {}) {
  const child = spawn(command, args, options);
  if (options.detached) groupLeaders.add(child);
  if (child.pid !== undefined) {
    alive.set(child, exitSignal);
    child.once('exit', () => alive.delete(child));
  }
  return child;
}

/**
 * Spawns `command` (detached by default) with its output printed line by line as `[name] …`.
 * With `logStdout: false` only stderr is printed and the caller reads `child.stdout` itself.
 */
export function spawnLogged(
  name,
  command,
  args,
  { cwd, env, detached = true, logStdout = true, onLine } = {},
) {
  const print = linePrinter(name);
  const child = spawnChild(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached });
  for (const stream of logStdout ? [child.stdout, child.stderr] : [child.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      print(line);
      onLine?.(line);
    });
  }
  return child;
}

/** Resolves true if the child exits within `ms`, false otherwise. */
export function waitForExit(child, ms) {
  if (!isRunning(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** Sends `signal` (SIGTERM), then SIGKILL if the child is still running after `timeoutMs`. */
export async function stopChild(child, { signal = 'SIGTERM', timeoutMs = 10_000 } = {}) {
  if (!child || !isRunning(child)) return;
  signalChild(child, signal);
  if (await waitForExit(child, timeoutMs)) return;
  signalChild(child, 'SIGKILL');
  await waitForExit(child, 5_000);
}
