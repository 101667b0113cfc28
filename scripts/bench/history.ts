/**
 * "No anonymous request is expensive". 50 concurrent anonymous historical queries
 * (`GET /api/public/markets/{symbol}/at?seq=N`) must keep `/api/health` p99 < 100 ms.
 *
 * Starts the portal as `npm start` runs it (production build, embedded PostgreSQL, live
 * simulation) on free ports with a throwaway data folder (or uses --history-url), waits until the
 * journal is past one snapshot interval of the live host (5,000 commands, about 2.5 minutes of
 * live market; --history-min-position), then:
 *
 * - idle: samples /api/health one request at a time every --history-sample-ms (default 50) for
 *   --history-idle-ms (default 10,000);
 * - load: --history-rounds (default 3) rounds of --history-clients (default 50) concurrent /at
 *   queries at random seqs of the journal (seeded, so both sides get the same seqs), each client
 *   with its own X-Forwarded-For address (the portal is started with TRUSTED_PROXY_HOPS=1, so each
 *   counts as its own client for the per-client rate limit), while the same health sampler runs.
 *
 * - control (ours only): the same rounds of the same route asking 50 times at once for one seq
 *   answered just before: the same request handling without any recomputation, which shows what
 *   50 simultaneous requests of any kind cost /api/health on this machine.
 *
 * Results: history.health.load.p99 (target < 100 ms), .p50, history.health.idle.p99,
 * history.health.control.p99 and history.at.latency.{p50,p99} with every answer's status counted
 * in extra. --history-peer-url runs the load against another running portal (e.g. a build of the
 * code before a change) and fills `peer` and `ratio` (peer / ours: > 1 = better than the peer).
 */
import type { BenchOptions, BenchResult } from "../bench";
import { median, percentile } from "./page-stats";
import { startBenchPortal } from "./portal-process";
import { numberFlag, stringFlag } from "./flags";

const HEALTH_P99_TARGET_MS = 100;
const MARKET = "BTC-PERP";

interface Protocol {
  clients: number;
  rounds: number;
  idleMs: number;
  sampleMs: number;
  minPosition: number;
  seed: number;
  log: (message: string) => void;
}

interface Measured {
  idle: number[];
  load: number[];
  /** Health during the control rounds (one already answered seq); ours only. */
  control?: number[];
  /** Health answers that were not 200 during the load (the portal must stay healthy, not just fast). */
  loadHealthFailures: number;
  at: number[];
  statuses: Record<string, number>;
  lastEventSeq: number;
  position: number;
}

export async function runHistoryBench(options: BenchOptions): Promise<BenchResult[]> {
  const protocol: Protocol = {
    clients: numberFlag(options.argv, "--history-clients", 50),
    rounds: numberFlag(options.argv, "--history-rounds", 3),
    idleMs: numberFlag(options.argv, "--history-idle-ms", 10_000),
    sampleMs: numberFlag(options.argv, "--history-sample-ms", 50),
    minPosition: numberFlag(options.argv, "--history-min-position", 5_500),
    seed: numberFlag(options.argv, "--history-seed", 12),
    log: options.log,
  };
  const givenUrl = stringFlag(options.argv, "--history-url");
  const peerUrl = stringFlag(options.argv, "--history-peer-url");

  const portal = givenUrl ? { url: givenUrl, stop: async () => {} } : await startBenchPortal(options.log, undefined, { TRUSTED_PROXY_HOPS: "1" });
  let ours: Measured;
  let peer: Measured | undefined;
  try {
    ours = await measure(portal.url, protocol, true);
    if (peerUrl) peer = await measure(peerUrl, protocol, false);
  } finally {
    await portal.stop();
  }

  const line = (
    bench: string,
    pick: (m: Measured) => number,
    extra: (m: Measured) => Record<string, unknown>,
    target?: { text: string; met: (value: number) => boolean },
  ): BenchResult => {
    const value = round1(pick(ours));
    const peerValue = peer ? round1(pick(peer)) : null;
    return {
      bench,
      unit: "ms",
      ours: value,
      peer: peerValue,
      ratio: peerValue === null ? null : round1(peerValue / Math.max(value, 0.1)),
      ...(target ? { target: target.text, met: target.met(value) } : {}),
      extra: { ...extra(ours), ...(peer ? { peer: extra(peer) } : {}) },
    };
  };
  const loadExtra = (m: Measured) => ({
    samples: m.load.length,
    p50: round1(median(m.load)),
    max: round1(Math.max(...m.load)),
    notOk: m.loadHealthFailures,
    idleP50: round1(median(m.idle)),
    idleP99: round1(percentile(m.idle, 99)),
    clients: protocol.clients,
    rounds: protocol.rounds,
    journalPosition: m.position,
    lastEventSeq: m.lastEventSeq,
  });
  const atExtra = (m: Measured) => ({ queries: m.at.length, statuses: m.statuses, p50: round1(median(m.at)), max: round1(Math.max(...m.at)) });
  return [
    line("history.health.load.p99", (m) => percentile(m.load, 99), loadExtra, {
      text: `< ${HEALTH_P99_TARGET_MS} ms`,
      met: (value) => value < HEALTH_P99_TARGET_MS && ours.loadHealthFailures === 0,
    }),
    line(
      "history.health.load.p50",
      (m) => median(m.load),
      (m) => ({ samples: m.load.length }),
    ),
    line(
      "history.health.idle.p99",
      (m) => percentile(m.idle, 99),
      (m) => ({ samples: m.idle.length, p50: round1(median(m.idle)) }),
    ),
    {
      bench: "history.health.control.p99",
      unit: "ms",
      ours: round1(percentile(ours.control!, 99)),
      peer: null,
      ratio: null,
      extra: {
        samples: ours.control!.length,
        p50: round1(median(ours.control!)),
        max: round1(Math.max(...ours.control!)),
        note: "50 concurrent requests for one already answered seq: request handling alone",
      },
    },
    line("history.at.latency.p50", (m) => median(m.at), atExtra),
    line("history.at.latency.p99", (m) => percentile(m.at, 99), atExtra),
  ];
}

async function measure(url: string, protocol: Protocol, withControl: boolean): Promise<Measured> {
  const { log } = protocol;
  const head = await waitForJournal(url, protocol.minPosition, log);
  log(`history: ${url} journal at position ${head.position}, last event seq ${head.lastEventSeq}; sampling idle /api/health for ${protocol.idleMs / 1000} s`);
  const idle = await sampleHealth(url, protocol.sampleMs, sleep(protocol.idleMs));

  const random = lcg(protocol.seed);
  const at: number[] = [];
  const statuses: Record<string, number> = {};
  const rounds = (label: string, seqOf: () => number, clientNet: number) => async () => {
    for (let round = 1; round <= protocol.rounds; round++) {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: protocol.clients }, async (_, client) => {
          const seq = seqOf();
          const t0 = performance.now();
          const response = await fetch(`${url}/api/public/markets/${MARKET}/at?seq=${seq}`, {
            headers: { "X-Forwarded-For": `10.${clientNet}.${round}.${client + 1}` },
            signal: AbortSignal.timeout(10 * 60_000),
          });
          await response.arrayBuffer();
          if (label === "load") {
            at.push(performance.now() - t0);
            statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          } else if (response.status !== 200) throw new Error(`history bench: the control query answered ${response.status}`);
        }),
      );
      log(
        `history: ${label} round ${round}: ${protocol.clients} queries answered in ${Math.round(performance.now() - started)} ms${label === "load" ? ` (statuses so far ${JSON.stringify(statuses)})` : ""}`,
      );
    }
  };
  const failures = { count: 0 };
  const loaded = await sampleHealth(url, protocol.sampleMs, rounds("load", () => 1 + (random() % head.lastEventSeq), 12)(), failures);
  let control: number[] | undefined;
  if (withControl) {
    const seq = Math.max(1, head.lastEventSeq - 1);
    const warm = await fetch(`${url}/api/public/markets/${MARKET}/at?seq=${seq}`, { headers: { "X-Forwarded-For": "10.13.0.1" } });
    await warm.arrayBuffer();
    if (warm.status !== 200) throw new Error(`history bench: the control seq answered ${warm.status}`);
    control = await sampleHealth(url, protocol.sampleMs, rounds("control", () => seq, 13)());
  }
  return { idle, load: loaded, control, loadHealthFailures: failures.count, at, statuses, lastEventSeq: head.lastEventSeq, position: head.position };
}

/** /api/health latencies, one request at a time every `everyMs`, until `until` settles. */
async function sampleHealth(url: string, everyMs: number, until: Promise<unknown>, failures?: { count: number }): Promise<number[]> {
  let done = false;
  const finished = until.finally(() => (done = true));
  const samples: number[] = [];
  while (!done) {
    const t0 = performance.now();
    const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10 * 60_000) }).then(
      async (response) => (await response.arrayBuffer(), response.status),
      () => 0,
    );
    samples.push(performance.now() - t0);
    if (status !== 200 && failures) failures.count++;
    await sleep(everyMs);
  }
  await finished;
  return samples;
}

async function waitForJournal(url: string, minPosition: number, log: (message: string) => void): Promise<{ position: number; lastEventSeq: number }> {
  let lastLog = 0;
  for (;;) {
    const health = (await fetch(`${url}/api/health`).then((r) => r.json())) as {
      engine?: { running?: boolean; position?: number | null; lastEventSeq?: number };
    };
    const position = health.engine?.position ?? 0;
    if (health.engine?.running && position >= minPosition) return { position, lastEventSeq: health.engine.lastEventSeq ?? 0 };
    if (Date.now() - lastLog > 30_000) {
      log(`history: waiting for the journal to pass position ${minPosition} (one snapshot interval; now ${position})`);
      lastLog = Date.now();
    }
    await sleep(2_000);
  }
}

/** A small seeded generator so both portals get the same sequence of seqs. */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (value: number) => Math.round(value * 10) / 10;
