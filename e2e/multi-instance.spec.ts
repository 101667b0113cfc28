import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "../scripts/db/embedded";
import { dropSchema } from "../scripts/db/migrations";
import { PUBLIC_API_LIMIT } from "../lib/transport/rate-limit";
import { sseEvents } from "../test/sse";

/**
 * The multi-instance mode: one standalone engine process, two web instances in
 * ENGINE_MODE=remote following it through Redis; both must deliver the same stream, and share one
 * set of rate-limit counters.
 */
const repoRoot = path.join(import.meta.dirname, "..");
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

test.describe.configure({ mode: "serial" });

test("two web instances behind one engine see the same stream and share one rate limit that X-Forwarded-For cannot dodge", async () => {
  test.setTimeout(240_000);
  const redisUp = await reachable(redisUrl);
  // A user's machine may have no Redis; CI and developer machines do, and there it must run.
  test.skip(!redisUp && !process.env.CI, `no Redis at ${redisUrl}`);
  expect(redisUp, `Redis must be reachable at ${redisUrl} in CI`).toBe(true);

  const children: ChildProcess[] = [];
  let embedded: EmbeddedPostgres | undefined;
  const stamp = `${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = databaseUrl ? `multi_${stamp}` : "public";
  try {
    if (!databaseUrl) embedded = await startEmbeddedPostgres({ port: await freePort() });
    const url = databaseUrl ?? embedded!.url;
    const secret = crypto.randomBytes(24).toString("base64url");
    const enginePort = await freePort();
    const common = {
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      AUTH_SECRET: secret,
      REDIS_URL: redisUrl,
      ENGINE_CHANNEL: `perps:test:${stamp}`,
      PORTAL_MODE: "demo",
      SIMULATION_SPEED: "5",
    };

    const engine = launch(children, ["--import", "tsx", "scripts/engine-process.ts"], { ...common, ENGINE_PORT: String(enginePort) });
    await waitForHttp(`http://127.0.0.1:${enginePort}/status`, engine, { "x-engine-secret": secret });

    const webPorts = [await freePort(), await freePort()];
    for (const port of webPorts) {
      const web = launch(children, [path.join(repoRoot, "scripts/serve.mjs"), "--port", String(port)], {
        ...common,
        ENGINE_MODE: "remote",
        ENGINE_URL: `http://127.0.0.1:${enginePort}`,
        NODE_ENV: "production",
      });
      await waitForHttp(`http://127.0.0.1:${port}/api/health`, web);
    }

    const streams = webPorts.map((port) => collect(`http://127.0.0.1:${port}/api/public/markets/BTC-PERP/stream`, 8_000));
    const [first, second] = await Promise.all(streams);
    // The two connections open a few ms apart: compare the events both were connected for.
    const from = Math.max(first[0]?.id ?? 0, second[0]?.id ?? 0);
    const to = Math.min(first.at(-1)?.id ?? 0, second.at(-1)?.id ?? 0);
    const window = (messages: Received[]) =>
      messages.filter((m) => m.id > from && m.id <= to && !["book", "stats"].includes(m.kind)).map((m) => `${m.id}:${m.kind}`);
    expect(window(first).length, "the engine produced public events while we listened").toBeGreaterThan(5);
    expect(window(second)).toEqual(window(first));

    // One client's public API budget is shared by both instances (counted
    // in Redis), and rotating X-Forwarded-For does not buy a new one (no trusted proxies by default).
    const family = "/api/public/markets/NO-SUCH-MARKET/trades";
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_API_LIMIT.limit + 1; i++) {
      const port = webPorts[i % 2];
      const response = await fetch(`http://127.0.0.1:${port}${family}`, { headers: { "x-forwarded-for": `198.51.100.${(i % 250) + 1}` } });
      statuses.push(response.status);
    }
    expect(
      statuses.slice(0, PUBLIC_API_LIMIT.limit).every((status) => status === 404),
      "the first 120 are answered (unknown market)",
    ).toBe(true);
    expect(statuses.at(-1), "the 121st across both instances is refused").toBe(429);
  } finally {
    for (const child of children) child.kill("SIGKILL");
    if (databaseUrl) await dropSchema({ url: databaseUrl, schema }).catch(() => {});
    await embedded?.stop();
  }
});

interface Received {
  id: number;
  kind: string;
}

function launch(children: ChildProcess[], args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  (child as ChildProcess & { output: () => string }).output = () => output;
  children.push(child);
  return child;
}

async function waitForHttp(url: string, child: ChildProcess, headers: Record<string, string> = {}) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited early:\n${(child as ChildProcess & { output: () => string }).output()}`);
    const ok = await fetch(url, { headers }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer:\n${(child as ChildProcess & { output: () => string }).output()}`);
    // eslint-disable-next-line no-restricted-syntax -- the poll interval of a wait for a condition (the server answers)
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The stream's messages other than snapshots, by journal seq and kind, received within `forMs`. */
async function collect(url: string, forMs: number): Promise<Received[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const received: Received[] = [];
  setTimeout(() => controller.abort(), forMs);
  try {
    for await (const { id, event } of sseEvents(response.body!)) {
      if (id && event && event !== "snapshot") received.push({ id: Number(id), kind: event });
    }
  } catch {
    // aborted at the end of the window
  }
  return received;
}

function reachable(redis: string): Promise<boolean> {
  const { hostname, port } = new URL(redis);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
