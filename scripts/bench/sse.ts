import { fork } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { FeedHub } from "../../lib/simulation/public-feed";
import { replayFrom } from "../../lib/simulation/feed-replay";
import { marketStreamResponse } from "../../lib/transport/market-stream";
import type { BenchOptions, BenchResult } from "../bench";
import { numberFlag } from "./flags";

/**
 * SSE fan-out. 2,000 subscribers on loopback (a separate process) follow one market
 * through the same stream code the route uses; the publisher sends trade messages stamped with the
 * monotonic clock and each subscriber measures publish → receipt. Target: p99 < 200 ms, no loss.
 */
export async function runSseBench(options: BenchOptions): Promise<BenchResult[]> {
  const subscribers = numberFlag(options.argv, "--sse-clients", 2_000);
  const messages = numberFlag(options.argv, "--sse-messages", 100);
  const perSecond = numberFlag(options.argv, "--sse-rate", 50);
  const hub = new FeedHub(["BTC-PERP"]);
  const source = { feed: hub, replay: replayFrom(hub, async () => []) };

  const server = http.createServer((request, response) => {
    const controller = new AbortController();
    request.on("close", () => controller.abort());
    const webResponse = marketStreamResponse(new Request(`http://127.0.0.1${request.url}`, { signal: controller.signal }), "BTC-PERP", source);
    response.writeHead(webResponse.status, Object.fromEntries(webResponse.headers));
    Readable.fromWeb(webResponse.body as never).pipe(response);
  });
  server.maxConnections = subscribers + 100;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  const clients = fork(path.join(import.meta.dirname, "sse-clients.ts"), [String(port), String(subscribers)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await waitFor<{ ready: number; failed: number }>(clients, "ready", 120_000);
  options.log(`sse: ${ready.ready} subscribers connected (${ready.failed} failed); publishing ${messages} messages at ${perSecond}/s`);

  for (let i = 1; i <= messages; i++) {
    const data = { price: 650_000 + i, size: 1, aggressor: "buy" as const, flags: NO_FLAGS, sentNs: process.hrtime.bigint().toString() };
    hub.ingest([{ id: i, market: "BTC-PERP", kind: "trade", atMs: Date.now(), data }]);
    await sleep(1000 / perSecond);
  }
  await sleep(2_000);
  clients.send({ type: "report" });
  const report = await waitFor<{ latenciesNs: number[]; received: number[]; failed: number }>(clients, "report", 60_000);
  server.closeAllConnections();
  server.close();

  const sorted = Float64Array.from(report.latenciesNs).sort();
  const percentile = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] / 1e6 : Number.NaN);
  const connected = report.received.length - report.failed;
  const expected = connected * messages;
  const delivered = report.received.reduce((sum, n) => sum + n, 0);
  const p99 = percentile(99);
  return [
    {
      bench: "sse.fanout-2000.p99",
      unit: "ms",
      ours: round(p99),
      peer: null,
      ratio: null,
      target: "< 200 ms",
      extra: { subscribers, connected, messages, p50: round(percentile(50)), max: round(percentile(100)) },
    },
    {
      bench: "sse.fanout-2000.loss",
      unit: "messages",
      ours: expected - delivered,
      peer: null,
      ratio: null,
      target: "0 lost for connected clients",
      extra: { expected, delivered },
    },
  ];
}

function waitFor<T>(child: ReturnType<typeof fork>, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sse bench: no "${type}" from the subscriber process within ${timeoutMs} ms`)), timeoutMs);
    child.on("message", (message: { type: string } & T) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      resolve(message);
    });
  });
}

/** A plain trade: no counterparty-class flag set. */
const NO_FLAGS = { afmm: false, afmmSide: null, liquidation: false, backstop: false, adl: false };
const round = (value: number) => Math.round(value * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
