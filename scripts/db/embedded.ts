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
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  if (await portInUse(options.port)) {
    throw new Error(
      `EMBEDDED_DB_PORT ${options.port} is already in use (is another portal running?); stop it or set EMBEDDED_DB_PORT to a free port`,
    );
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
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
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
