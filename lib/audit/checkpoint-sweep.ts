import "server-only";
import { db } from "@/lib/db";
import { beforeExit } from "@/lib/exit-hooks";
import { auditAnchorConfig, writeAuditCheckpoint } from "./checkpoints";

/**
 * How often the portal signs a checkpoint of the audit chain when it has grown. Rows
 * appended since the last checkpoint are the window a database writer could cut unnoticed, so this
 * is also the README's stated detection window.
 */
export const CHECKPOINT_EVERY_MS = 60_000;

let running: Promise<void> | undefined;

/**
 * Signs a checkpoint of the audit chain if it has grown: a recurring job (lib/jobs/registry.ts) shortly
 * after start (which also seals the rows of a log written before keyed hashing) and every
 * CHECKPOINT_EVERY_MS, and once more on a graceful stop ({@link checkpointOnExit}). The job runs on
 * one server at a time; should two instances still overlap (the exit checkpoint), writeAuditCheckpoint
 * serializes them and skips when the head has not moved, so duplicates are harmless.
 */
export function runAuditCheckpoint(): Promise<void> {
  running ??= writeAuditCheckpoint(db(), auditAnchorConfig())
    .then(() => undefined)
    .catch((error: unknown) => {
      // A refusal means the log or the checkpoint file was tampered with (or damaged): say so loudly.
      console.error(`[audit] no signed checkpoint written: ${error instanceof Error ? error.message : String(error)}; run npm run audit:verify`);
    })
    .finally(() => {
      running = undefined;
    });
  return running;
}

let exitHook = false;

/** The last checkpoint of this process, written after it stops taking requests (scripts/serve.mjs). */
export function checkpointOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  beforeExit(async () => {
    await running;
    await runAuditCheckpoint();
  });
}
