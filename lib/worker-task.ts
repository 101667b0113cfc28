import { Worker } from "node:worker_threads";

/** What a one-shot worker posts back: its result, or why it failed. */
export type WorkerAnswer<T> = { ok: true; result: T } | { ok: false; error: string };

/**
 * Run one task in its own worker thread, off the event loop the engine host and the web server share,
 * and settle exactly once: with the worker's answer, or with a rejection when it fails, exits without
 * answering, runs past `timeoutMs` or `signal` aborts. The worker is terminated in every case.
 * `what` names the task in those rejections ("the stress suite", "proving journal-….seg.gz").
 */
export function runWorkerTask<T>(task: { file: string; data: unknown; timeoutMs: number; what: string; signal?: AbortSignal }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(/* turbopackIgnore: true */ task.file, { workerData: task.data });
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      task.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`${task.what} took longer than ${task.timeoutMs / 1_000} s`))), task.timeoutMs);
    const onAbort = () => done(() => reject(new Error("the process is stopping")));
    task.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (answer: WorkerAnswer<T>) => done(() => (answer.ok ? resolve(answer.result) : reject(new Error(answer.error)))));
    worker.on("error", (error) => done(() => reject(new Error(`${task.what} failed in its worker: ${error.message}`))));
    worker.on("exit", (code) => done(() => reject(new Error(`${task.what}: the worker exited (code ${code}) without an answer`))));
  });
}
