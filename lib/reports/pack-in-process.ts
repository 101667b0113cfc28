import { fork } from "node:child_process";
import path from "node:path";
import type { BuiltPack, PackRequest } from "./pack";
import type { PackProcessCommand, PackProcessMessage } from "./pack-process";

/** Generates one pack: what the reports job calls, in this process (tests, tools) or in a child process (the portal). */
export type PackBuilder = (request: PackRequest, options: { signal: AbortSignal; progress: (done: number, total: number) => void }) => Promise<BuiltPack>;

/**
 * The V8 heap a pack's process may use. Reports are built one at a time and read their sources in
 * batches, so what a pack holds at once is one report and the finished files: a 30-day pack completes
 * with 160 MB (`npm run bench -- --only reports`). A pack that needs more fails with "ran out of
 * memory" instead of growing the web server.
 */
export const PACK_PROCESS_HEAP_MB = 192;

/** Resolved from the working directory and held in an object so the bundler does not trace the file (as the stress suite's worker). */
const entry = { path: path.join(/* turbopackIgnore: true */ process.cwd(), "lib/reports/pack-process.mjs") };

/** After a cancel, how long the process has to stop between batches before it is killed. */
const CANCEL_GRACE_MS = 10_000;

/**
 * Runs each pack in a child process of its own with a capped heap, connected to the same database.
 * Progress arrives as it reads; aborting `signal` asks it to stop between batches (and kills it if it
 * does not) and rejects with the signal's reason, as the in-process builder does.
 */
export function packBuilderInProcess(database: { url: string; schema: string }, heapMb = PACK_PROCESS_HEAP_MB): PackBuilder {
  return (request, { signal, progress }) =>
    new Promise<BuiltPack>((resolve, reject) => {
      signal.throwIfAborted();
      const child = fork(entry.path, [], {
        execArgv: [`--max-old-space-size=${heapMb}`],
        serialization: "advanced",
        stdio: ["ignore", "inherit", "pipe", "ipc"],
      });
      // V8's fatal message comes first and a long native stack trace after it: keep the start and the end.
      let stderrHead = "";
      let stderrTail = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        if (stderrHead.length < 8_000) stderrHead += text.slice(0, 8_000 - stderrHead.length);
        stderrTail = (stderrTail + text).slice(-2_000);
      });
      let settled = false;
      let killTimer: NodeJS.Timeout | undefined;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(killTimer);
        signal.removeEventListener("abort", onAbort);
        if (child.exitCode === null) child.kill();
        fn();
      };
      const onAbort = () => {
        if (child.connected) child.send({ kind: "cancel" } satisfies PackProcessCommand);
        killTimer = setTimeout(() => settle(() => reject(signal.reason)), CANCEL_GRACE_MS);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      child.on("message", (message: PackProcessMessage) => {
        if (message.kind === "progress") progress(message.done, message.total);
        // A cancel that crossed the finished pack still cancels: the caller asked to stop.
        else if (message.kind === "done")
          settle(() => (signal.aborted ? reject(signal.reason) : resolve({ ...message.pack, zip: new Uint8Array(message.pack.zip) })));
        else settle(() => reject(message.cancelled && signal.aborted ? signal.reason : new Error(`the report pack failed: ${message.error}`)));
      });
      child.on("error", (error) => settle(() => reject(new Error(`the report pack's process failed: ${error.message}`))));
      child.on("close", (code, exitSignal) =>
        settle(() => {
          if (signal.aborted) reject(signal.reason);
          // V8 says "Reached heap limit … JavaScript heap out of memory", or "Fatal process out of memory: …" when it fails in its own zones.
          else if (/out of memory|heap limit/i.test(stderrHead)) reject(new Error(`the report pack ran out of memory (${heapMb} MB heap)`));
          else
            reject(
              new Error(
                `the report pack's process ended (${exitSignal ?? `code ${code}`}) without an answer${stderrHead.trim() ? `: ${stderrHead.trim().split("\n").slice(0, 3).join(" / ")}` : ""}`,
              ),
            );
        }),
      );
      const { generatedAt, ...rest } = request;
      child.send({ kind: "start", database, request: { ...rest, generatedAtMs: generatedAt.getTime() } } satisfies PackProcessCommand);
    });
}
