import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../db/embedded";
import { REPO_ROOT } from "../db/migrations";

export interface BenchPortal {
  url: string;
  /** Kills the whole process group (start script, embedded database, `next start`) and removes the data folder. */
  stop: () => Promise<void>;
}

/**
 * The portal as `npm start` runs it (production build, embedded PostgreSQL, demo data, live
 * simulation) on free ports with a throwaway data folder. DATABASE_URL is blanked so a bench never
 * seeds demo data into a shared server. Runs `node --import tsx` rather than the tsx CLI and in its
 * own process group, so one SIGKILL reaches every process even when this one is failing. `env`
 * adds variables for the portal (it cannot override the ports, data folder or database).
 */
export async function startBenchPortal(log: (message: string) => void, timeoutMs = 15 * 60_000, env: Record<string, string> = {}): Promise<BenchPortal> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-portal-"));
  const logFile = path.join(dataDir, "portal.log");
  const logFd = fs.openSync(logFile, "a");
  const port = await freePort();
  const dbPort = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      EMBEDDED_DB_PORT: String(dbPort),
      DATA_DIR: path.join(dataDir, "data"),
      DATABASE_URL: "",
      PORTAL_MODE: "demo",
    },
  });
  fs.closeSync(logFd);
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(`exited (${signal ?? `code ${code}`})`)));
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  // A bench that throws or is interrupted must not leave a portal (and its database) running. Its
  // own process group does not get the terminal's Ctrl-C, hence the signal handlers.
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("exit", killGroup);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup();
    await Promise.race([exited, sleep(10_000)]);
    process.removeListener("exit", killGroup);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  log(`portal: starting on ${url} (builds first if the sources changed; log: ${logFile})`);
  const started = Date.now();
  try {
    let outcome: string | undefined;
    void exited.then((reason) => (outcome = reason));
    for (;;) {
      if (outcome) throw new Error(`the portal ${outcome} before /api/health answered 200`);
      if (Date.now() - started > timeoutMs) throw new Error(`/api/health did not answer 200 within ${timeoutMs / 1000} s`);
      const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      await sleep(500);
    }
  } catch (error) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n") : "";
    await stop();
    throw new Error(`bench portal: ${(error as Error).message}; last lines of the portal's output:\n${tail}`);
  }
  log(`portal: ready after ${Math.round((Date.now() - started) / 1000)} s`);
  return { url, stop };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
