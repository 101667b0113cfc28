import "server-only";
import { db } from "@/lib/db";
import { beforeExit } from "@/lib/exit-hooks";
import { auditAnchorConfig, writeAuditCheckpoint } from "./checkpoints";

/**
 * How often each server process signs a checkpoint of the audit chain when it has grown. Rows
 * appended since the last checkpoint are the window a database writer could cut unnoticed, so this
 * is also the README's stated detection window.
 */
export const CHECKPOINT_EVERY_MS = 60_000;

let timer: ReturnType<typeof setInterval> | undefined;
let running: Promise<void> | undefined;

/**
 * Signs checkpoints in each server process: shortly after start (which also seals the rows of a
 * log written before keyed hashing), every CHECKPOINT_EVERY_MS, and once more on a graceful stop.
 * Several instances may run this against one database and one AUDIT_ANCHOR_DIR: writeAuditCheckpoint
 * serializes them and skips when the head has not moved, so duplicates are harmless.
 */
export function startAuditCheckpoints(): void {
  if (timer) return;
  const anchor = auditAnchorConfig();
  const run = (): Promise<void> => {
    running ??= writeAuditCheckpoint(db(), anchor)
      .then(() => undefined)
      .catch((error: unknown) => {
        // A refusal means the log or the checkpoint file was tampered with (or damaged): say so loudly.
        console.error(`[audit] no signed checkpoint written: ${error instanceof Error ? error.message : String(error)}; run npm run audit:verify`);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  setTimeout(() => void run(), 2_000).unref();
  timer = setInterval(() => void run(), CHECKPOINT_EVERY_MS);
  timer.unref();
  beforeExit(async () => {
    await running;
    await run();
  });
}
