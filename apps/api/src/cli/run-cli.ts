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
