import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { dropSchema } from "../scripts/db/migrations";

/** A portal the run needs, started with the real start command (see playwright.config.ts). */
export interface ServerSpec {
  name: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  /** The throwaway schema to drop once this server has stopped. */
  dropSchema?: { url: string; schema: string };
}

const repoRoot = path.join(import.meta.dirname, "..");
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Starts every portal at once and waits for each to be healthy; the function it returns stops them,
 * waiting for each to exit, and only then drops the schemas they used — so no server is still
 * writing its journal into a schema that is gone. (Playwright's own webServer stops servers after
 * the global teardown, which got that order wrong.)
 */
export default async function globalSetup(config: FullConfig) {
  const specs = (config.metadata as { servers: ServerSpec[] }).servers;
  const logDir = path.join(repoRoot, "test-results");
  fs.mkdirSync(logDir, { recursive: true });
  const running: Array<{ spec: ServerSpec; child: ChildProcess; exited: Promise<void> }> = [];

  const stopAll = async () => {
    await Promise.all(running.map(({ spec, child, exited }) => stop(spec, child, exited)));
    for (const { spec } of running) {
      if (spec.dropSchema) await dropSchema(spec.dropSchema).catch((error) => console.warn(`could not drop ${spec.dropSchema!.schema}: ${error}`));
    }
  };

  try {
    await Promise.all(
      specs.map(async (spec) => {
        // Every run starts from an empty data folder, as a fresh clone's first start does.
        fs.rmSync(spec.dataDir, { recursive: true, force: true });
        const logFile = path.join(logDir, `e2e-server-${spec.name}.log`);
        const log = fs.openSync(logFile, "w");
        const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
          cwd: repoRoot,
          env: { ...process.env, ...spec.env },
          stdio: ["ignore", log, log],
          detached: true,
        });
        fs.closeSync(log);
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        running.push({ spec, child, exited });
        await waitUntilHealthy(spec, child, logFile);
      }),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}

async function waitUntilHealthy(spec: ServerSpec, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitCode: number | null = null;
  child.once("exit", (code) => (exitCode = code ?? 1));
  while (Date.now() < deadline) {
    if (exitCode !== null) throw new Error(`the ${spec.name} portal exited with ${exitCode} while starting:\n${tail(logFile)}`);
    try {
      const response = await fetch(`http://localhost:${spec.port}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    // eslint-disable-next-line no-restricted-syntax -- the poll interval of a wait for a condition (the server answers)
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the ${spec.name} portal was not healthy within ${START_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`);
}

async function stop(spec: ServerSpec, child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // The start script forwards the signal to the web server and then stops the embedded database.
  child.kill("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_TIMEOUT_MS))]);
  if (!stopped) {
    console.warn(`the ${spec.name} portal did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    await exited;
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "(no log)";
  }
}
