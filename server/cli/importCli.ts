import { statSync } from 'node:fs';
import { EnvironmentError } from '../../shared/config/environment';

/** Bad arguments: the command prints the message and its usage and exits 2, without a stack. */
export class UsageError extends Error {}

/** The size of FILE, or a usage error when it is missing or not a plain file. */
export function readableFileSize(file: string): number {
  try {
    const stats = statSync(file);
    if (stats.isFile()) return stats.size;
  } catch {
    // Reported below as the same usage error as a directory.
  }
  throw new UsageError(`FILE '${file}' is not a readable file`);
}

/**
 * Runs an import command: exit 2 with the usage on bad arguments, environment or organisation rows,
 * 1 with the message when the import itself fails, 0 otherwise.
 */
export function runImportCommand(name: string, usage: string, prepare: () => () => Promise<void>): void {
  // A usage error can come after the store is open too (an organisation row the store refuses), before anything is written.
  const main = async (): Promise<number> => {
    try {
      await prepare()();
      return 0;
    } catch (error) {
      if (!(error instanceof UsageError || error instanceof EnvironmentError)) throw error;
      console.error(`${name}: ${error.message}\n${usage}`);
      return 2;
    }
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
