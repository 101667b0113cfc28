import { createPrismaClient } from "../prisma-client";
import { buildPack, type BuiltPack, type PackRequest } from "./pack";

/**
 * The child process behind `packBuilderInProcess`: one pack, then it exits. Its heap is capped by the
 * parent (--max-old-space-size), so a pack never takes the web server's memory, and its PDF and ZIP
 * work never holds the server's event loop.
 */

export interface PackProcessStart {
  kind: "start";
  database: { url: string; schema: string };
  /** The request with its date as milliseconds. */
  request: Omit<PackRequest, "generatedAt"> & { generatedAtMs: number };
}

/** From parent to child: the pack to build, then perhaps a cancel (stop between batches). */
export type PackProcessCommand = PackProcessStart | { kind: "cancel" };

/** From child to parent: progress as it reads, then one answer. */
export type PackProcessMessage =
  | { kind: "progress"; done: number; total: number }
  | { kind: "done"; pack: BuiltPack }
  | { kind: "failed"; error: string; cancelled: boolean };

if (!process.send) throw new Error("pack-process.ts runs as a child process (started by packBuilderInProcess)");
const send = (message: PackProcessMessage) => new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));
const abort = new AbortController();

async function run(start: PackProcessStart): Promise<void> {
  const prisma = createPrismaClient(start.database.url, start.database.schema);
  let answer: PackProcessMessage;
  try {
    const { generatedAtMs, ...request } = start.request;
    const pack = await buildPack(
      prisma,
      { ...request, generatedAt: new Date(generatedAtMs) },
      { signal: abort.signal, progress: (done, total) => void send({ kind: "progress", done, total }) },
    );
    answer = { kind: "done", pack };
  } catch (error) {
    answer = { kind: "failed", error: error instanceof Error ? error.message : String(error), cancelled: abort.signal.aborted };
  } finally {
    await prisma.$disconnect().catch(() => {});
  }
  await send(answer);
  process.disconnect();
}

process.on("message", (command: PackProcessCommand) => {
  if (command.kind === "cancel") abort.abort(new Error("cancelled"));
  else void run(command);
});
