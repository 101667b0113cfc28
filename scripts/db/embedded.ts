import fs from "node:fs";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The zero-setup database: PostgreSQL compiled to WebAssembly (PGlite), served over the ordinary
 * wire protocol so the app, the pg driver adapter and the schema engine use it exactly as they use a
 * real server. One process owns the data folder; everything else connects over TCP.
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the data files; undefined keeps everything in memory (throwaway use). */
  dataDir?: string;
  port: number;
  /** Concurrent client connections the multiplexer accepts (the app's pool plus tooling). */
  maxConnections?: number;
  /** pg_wal size that triggers a checkpoint (default 128 MiB; see checkpointWhenWalGrows). */
  walCheckpointBytes?: number;
  /** How often the pg_wal size is looked at (default 10 s). */
  walCheckEveryMs?: number;
}

const WAL_CHECKPOINT_BYTES = 128 * 1024 * 1024;
const WAL_CHECK_EVERY_MS = 10_000;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  if (await portInUse(options.port)) {
    throw new Error(`EMBEDDED_DB_PORT ${options.port} is already in use (is another portal running?); stop it or set EMBEDDED_DB_PORT to a free port`);
  }
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await db.waitReady;
  const server = new PGLiteSocketServer({
    db,
    port: options.port,
    host: "127.0.0.1",
    maxConnections: options.maxConnections ?? 32,
  });
  holdSessionThroughSync(server);
  await server.start();
  const checkpoints = options.dataDir ? checkpointWhenWalGrows(db, options.dataDir, options) : null;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres?sslmode=disable`,
    async stop() {
      await checkpoints?.stop();
      await server.stop();
      await db.close();
    },
  };
}

/**
 * PGlite runs PostgreSQL in single-user mode, where nothing ever starts a checkpoint on its own: a
 * server's checkpointer does that when max_wal_size of WAL has accumulated or checkpoint_timeout has
 * passed, and single-user mode has no checkpointer. Without one, pg_wal keeps every segment written
 * since the last clean stop: the journal's steady writes grew it by about 2 GB a simulated day (2.5 GB
 * after 28 simulated hours, more than the tables). So the process that owns the data folder checks the
 * folder's size and asks for a checkpoint once it passes the threshold; the checkpoint then recycles or
 * removes the segments it no longer needs. CHECKPOINT is allowed inside a transaction, so it may run
 * between any two of a client's messages.
 */
function checkpointWhenWalGrows(db: PGlite, dataDir: string, options: Pick<EmbeddedOptions, "walCheckpointBytes" | "walCheckEveryMs">) {
  const limit = options.walCheckpointBytes ?? WAL_CHECKPOINT_BYTES;
  let running: Promise<void> | null = null;
  let stopped = false;
  const check = () => {
    if (running || stopped || walBytes(dataDir) < limit) return;
    running = db
      .exec("CHECKPOINT")
      .then(
        () => undefined,
        (error: unknown) => console.error(`embedded database: checkpoint failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (running = null));
  };
  const timer = setInterval(check, options.walCheckEveryMs ?? WAL_CHECK_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Bytes of the WAL segment files in the data folder's pg_wal. */
export function walBytes(dataDir: string): number {
  const dir = `${dataDir}/pg_wal`;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isFile()) total += fs.statSync(`${dir}/${entry.name}`).size;
  return total;
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A free loopback port, for throwaway servers in tests and tooling. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/** The parts of pglite-socket's query queue (QueryQueueManager) replaced below. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Parse, Bind, Describe, Execute, Close, Flush: an extended-query exchange is open until its Sync. */
const EXTENDED_QUERY_MESSAGES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = 0x53;
const SIMPLE_QUERY = 0x51;
const TERMINATE = 0x58;

/**
 * Every connection shares PGlite's one session, and pglite-socket queues each protocol message
 * separately, keeping a connection's messages together only inside a transaction. A statement
 * outside a transaction is Parse, Bind, Execute, Sync; when its messages arrive in several TCP
 * chunks (a large parameter), another connection's Parse can slip in between, and the Bind then
 * runs the other connection's statement with these parameters: a wrong answer or "unnamed prepared
 * statement does not exist". So a connection that has started an exchange keeps the session until
 * its Sync, as it does for a transaction. (scripts/db/embedded.test.ts reproduces it.)
 */
function holdSessionThroughSync(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let exchangeOf: number | null = null;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (exchangeOf !== handlerId) return;
    // A connection that went away mid-exchange must not hold the others up.
    exchangeOf = null;
    void queue.processQueue();
  };
  queue.processQueue = async () => {
    if (queue.processing || queue.queue.length === 0) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const holder = exchangeOf ?? (queue.db.isInTransaction() ? queue.lastHandlerId : null);
        const index = holder === null ? 0 : queue.queue.findIndex((item) => item.handlerId === holder);
        // The holder's next message has not arrived yet; its enqueue restarts the loop.
        if (index === -1) break;
        const [item] = queue.queue.splice(index, 1);
        let bytes = 0;
        try {
          await queue.db.runExclusive(() =>
            queue.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        queue.lastHandlerId = item.handlerId;
        const type = item.message[0];
        if (EXTENDED_QUERY_MESSAGES.has(type)) exchangeOf = item.handlerId;
        else if (type === SYNC || type === SIMPLE_QUERY || type === TERMINATE) exchangeOf = null;
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };
}
