import { EnvError } from "../lib/env";

/** What a command prints when it stops: the validation lines as they are, anything else as one line. */
export function formatCliError(error: unknown): string {
  if (error instanceof EnvError) return error.message;
  if (error instanceof Error) return `Error: ${error.message}`;
  return `Error: ${String(error)}`;
}
