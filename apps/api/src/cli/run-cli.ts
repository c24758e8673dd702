/**
 * Runs a command-line entry point and exits with the code it returns; an unexpected error is
 * printed as `<what> failed: …` with exit code 1 (bad arguments are the command's own exit 2).
 */
export function runCli(what: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`${what} failed: ${error.message}`);
      process.exit(1);
    },
  );
}

/** A bad argument: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

const isArgumentError = (error: unknown) =>
  error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');

/**
 * The command's options, from `parse(argv)` (which throws UsageError, or lets node:util parseArgs
 * throw), or the exit code to return at once: 2 after printing what is wrong and the usage, 0
 * after printing the usage when `parse` says 'help'.
 */
export async function parseCliOptions<T>(
  usage: string,
  parse: (argv: string[]) => T | 'help' | Promise<T | 'help'>,
): Promise<{ options: T } | { exitCode: number }> {
  let options: T | 'help';
  try {
    options = await parse(process.argv.slice(2));
  } catch (error) {
    if (!isArgumentError(error)) throw error;
    console.error(`${(error as Error).message}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (options === 'help') {
    console.log(usage);
    return { exitCode: 0 };
  }
  return { options };
}
