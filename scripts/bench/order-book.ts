/**
 * Order-book benchmark: replays `scripts/bench/data/workload-1m.bin.gz` through our book and through
 * nodejs-order-book (the peer) in the same process, following ENGINE-ANCHORS §1:
 * op arguments are built before the clock starts, the JIT is warmed on a throw-away book (first
 * 200k ops), every measured run uses a fresh book, throughput times one loop over all ops, latency
 * times each op with `process.hrtime.bigint()` (timer cost included), and every run's final book must
 * equal `workload-1m.final-book.txt` or the bench throws.
 *
 * Our orders use owner = id (every order a distinct owner) with the default STP mode, so the
 * self-trade check and the owner index run on every op without ever firing.
 */
import { BUY, OrderBook, SELL, type Side } from "../../lib/engine/order-book";
import type { BenchOptions, BenchResult } from "../bench";
import { OP_CANCEL, OP_LIMIT, OP_MARKET, firstDifference, formatBook, loadExpectedFinalBook, loadReference, loadWorkload, type Workload } from "./workload";

const WARMUP_OPS = 200_000;
const PREFIX = "orderbook.workload-1m";

interface Latency {
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** Runs the order-book benchmark; see the file comment for the method. */
export async function runOrderBookBench(opts: BenchOptions): Promise<BenchResult[]> {
  const { log, gc } = opts;
  const w = loadWorkload();
  const expected = loadExpectedFinalBook();
  const reference = loadReference();

  log(`orderbook: ${w.count.toLocaleString("en-US")} ops; ours x${opts.runs} (throughput + latency), peer x${opts.peerRuns}`);
  const ours = measure("ours", opts, w.count, {
    warm: () => {
      replayOurs(new OrderBook(), w, WARMUP_OPS);
      latencyOurs(new OrderBook(), w, WARMUP_OPS, new Float64Array(WARMUP_OPS));
    },
    throughput: () => {
      const book = new OrderBook();
      resetFills();
      const t0 = process.hrtime.bigint();
      replayOurs(book, w, w.count);
      const ns = Number(process.hrtime.bigint() - t0);
      verifyOurs(book, expected, reference);
      return ns;
    },
    latency: (samples) => {
      const book = new OrderBook();
      resetFills();
      latencyOurs(book, w, w.count, samples);
      verifyOurs(book, expected, reference);
    },
  });

  let peer: Measured | null = null;
  if (opts.peerRuns > 0) {
    const { OrderBook: PeerBook } = await import("nodejs-order-book");
    type Peer = InstanceType<typeof PeerBook>;
    peer = measure("peer", { ...opts, runs: opts.peerRuns }, w.count, {
      warm: () => {
        const args = peerArgs(w, WARMUP_OPS);
        replayPeer(new PeerBook(), w, args, WARMUP_OPS);
        latencyPeer(new PeerBook(), w, peerArgs(w, WARMUP_OPS), WARMUP_OPS, new Float64Array(WARMUP_OPS));
      },
      throughput: () => {
        const book: Peer = new PeerBook();
        const args = peerArgs(w, w.count);
        gc();
        const t0 = process.hrtime.bigint();
        replayPeer(book, w, args, w.count);
        const ns = Number(process.hrtime.bigint() - t0);
        verifyPeer(book, expected);
        return ns;
      },
      latency: (samples) => {
        const book: Peer = new PeerBook();
        const args = peerArgs(w, w.count);
        gc();
        latencyPeer(book, w, args, w.count, samples);
        verifyPeer(book, expected);
      },
    });
  }

  const method = {
    workload: "scripts/bench/data/workload-1m.bin.gz",
    ops: w.count,
    warmupOps: WARMUP_OPS,
    verified: true,
    ourOwners: "owner = order id, STP cancel-taker",
    peerName: "nodejs-order-book (npm devDependency)",
  };
  return [
    {
      bench: `${PREFIX}.throughput`,
      unit: "ops/s",
      ours: ours.opsPerSec,
      peer: peer?.opsPerSec ?? null,
      ratio: peer === null ? null : round2(ours.opsPerSec / peer.opsPerSec),
      target: ">= 2,000,000 ops/s and >= 30x peer",
      extra: { ...method, runs: ours.runs.opsPerSec, peerRuns: peer?.runs.opsPerSec ?? [] },
    },
    latencyResult("p50", ours, peer, "<= 500 ns", method),
    latencyResult("p99", ours, peer, "<= 2,000 ns", method),
  ];
}

interface Measured {
  opsPerSec: number;
  latency: Latency;
  runs: { opsPerSec: number[]; latency: Latency[] };
}

interface Subject {
  warm: () => void;
  /** One full replay on a fresh book; returns elapsed ns of the timed loop. */
  throughput: () => number;
  /** One full replay on a fresh book, writing each op's ns into `samples`. */
  latency: (samples: Float64Array) => void;
}

function measure(label: string, opts: BenchOptions, count: number, s: Subject): Measured {
  s.warm();
  const opsPerSec: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    opts.gc();
    const ns = s.throughput();
    opsPerSec.push(Math.round((count * 1e9) / ns));
    opts.log(`  ${label} throughput run ${r + 1}/${opts.runs}: ${opsPerSec[r].toLocaleString("en-US")} ops/s`);
  }
  const samples = new Float64Array(count);
  const latency: Latency[] = [];
  for (let r = 0; r < opts.runs; r++) {
    opts.gc();
    s.latency(samples);
    latency.push(percentiles(samples));
    opts.log(`  ${label} latency run ${r + 1}/${opts.runs}: p50 ${latency[r].p50} ns, p99 ${latency[r].p99} ns`);
  }
  return {
    opsPerSec: median(opsPerSec),
    latency: {
      p50: median(latency.map((l) => l.p50)),
      p99: median(latency.map((l) => l.p99)),
      p999: median(latency.map((l) => l.p999)),
      max: median(latency.map((l) => l.max)),
    },
    runs: { opsPerSec, latency },
  };
}

function latencyResult(q: "p50" | "p99", ours: Measured, peer: Measured | null, target: string, method: Record<string, unknown>): BenchResult {
  return {
    bench: `${PREFIX}.${q}`,
    unit: "ns",
    ours: ours.latency[q],
    peer: peer?.latency[q] ?? null,
    // Lower is better here, so the ratio is peer / ours to keep ">1 = we win".
    ratio: peer === null ? null : round2(peer.latency[q] / ours.latency[q]),
    target,
    extra: {
      ...method,
      timerIncluded: true,
      ours: ours.latency,
      peer: peer?.latency ?? null,
      runs: ours.runs.latency.map((l) => l[q]),
      peerRuns: peer?.runs.latency.map((l) => l[q]) ?? [],
    },
  };
}

// --- ours -------------------------------------------------------------------------------------

let fills = 0;
let filledLots = 0;
function countFill(_makerId: number, _makerOwner: number, _price: number, size: number): void {
  fills++;
  filledLots += size;
}
function resetFills(): void {
  fills = 0;
  filledLots = 0;
}

function replayOurs(book: OrderBook, w: Workload, n: number): void {
  const { type, side, price, size, id } = w;
  for (let i = 0; i < n; i++) {
    const t = type[i];
    if (t === OP_LIMIT) book.limit(id[i], id[i], side[i] as Side, price[i], size[i], 0, false, countFill);
    else if (t === OP_CANCEL) book.cancel(id[i]);
    else book.market(0, 0, side[i] as Side, size[i], countFill);
  }
}

function latencyOurs(book: OrderBook, w: Workload, n: number, samples: Float64Array): void {
  const { type, side, price, size, id } = w;
  const clock = process.hrtime.bigint;
  for (let i = 0; i < n; i++) {
    const t = type[i];
    const t0 = clock();
    if (t === OP_LIMIT) book.limit(id[i], id[i], side[i] as Side, price[i], size[i], 0, false, countFill);
    else if (t === OP_CANCEL) book.cancel(id[i]);
    else book.market(0, 0, side[i] as Side, size[i], countFill);
    samples[i] = Number(clock() - t0);
  }
}

function verifyOurs(book: OrderBook, expected: string[], ref: { trades: number; tradedQty: number }): void {
  const actual = formatBook(book.snapshot().map(([id, , side, price, remaining]) => ({ id, side, price, remaining })));
  const diff = firstDifference(actual, expected);
  if (diff !== -1) {
    throw new Error(`orderbook bench: our final book differs from the expected one at line ${diff}: got "${actual[diff]}", want "${expected[diff]}"`);
  }
  if (fills !== ref.trades || filledLots !== ref.tradedQty) {
    throw new Error(`orderbook bench: ${fills} fills / ${filledLots} lots, want ${ref.trades} / ${ref.tradedQty}`);
  }
}

// --- peer -------------------------------------------------------------------------------------

type PeerSide = "buy" | "sell";
type PeerArg = { id: string; side: PeerSide; size: number; price: number } | { side: PeerSide; size: number } | string;

interface PeerBookLike {
  limit(o: { id: string; side: PeerSide; size: number; price: number }): unknown;
  market(o: { side: PeerSide; size: number }): unknown;
  cancel(id: string): unknown;
  snapshot(): { bids: PeerLevel[]; asks: PeerLevel[] };
}
interface PeerLevel {
  price: number;
  orders: Array<{ id: string; side: string; size: number; price: number }>;
}

/** The peer takes option objects with string ids; build them all before timing. */
function peerArgs(w: Workload, n: number): PeerArg[] {
  const args: PeerArg[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const side: PeerSide = w.side[i] === BUY ? "buy" : "sell";
    const t = w.type[i];
    if (t === OP_LIMIT) args[i] = { id: String(w.id[i]), side, size: w.size[i], price: w.price[i] };
    else if (t === OP_CANCEL) args[i] = String(w.id[i]);
    else if (t === OP_MARKET) args[i] = { side, size: w.size[i] };
    else throw new Error(`unknown op type ${t} at ${i}`);
  }
  return args;
}

function replayPeer(book: PeerBookLike, w: Workload, args: PeerArg[], n: number): void {
  const type = w.type;
  for (let i = 0; i < n; i++) {
    const t = type[i];
    if (t === OP_LIMIT) book.limit(args[i] as { id: string; side: PeerSide; size: number; price: number });
    else if (t === OP_CANCEL) book.cancel(args[i] as string);
    else book.market(args[i] as { side: PeerSide; size: number });
  }
}

function latencyPeer(book: PeerBookLike, w: Workload, args: PeerArg[], n: number, samples: Float64Array): void {
  const type = w.type;
  const clock = process.hrtime.bigint;
  for (let i = 0; i < n; i++) {
    const t = type[i];
    const t0 = clock();
    if (t === OP_LIMIT) book.limit(args[i] as { id: string; side: PeerSide; size: number; price: number });
    else if (t === OP_CANCEL) book.cancel(args[i] as string);
    else book.market(args[i] as { side: PeerSide; size: number });
    samples[i] = Number(clock() - t0);
  }
}

function verifyPeer(book: PeerBookLike, expected: string[]): void {
  const snap = book.snapshot();
  const rows: Array<{ id: number; side: number; price: number; remaining: number }> = [];
  for (const level of [...snap.bids, ...snap.asks]) {
    for (const o of level.orders) rows.push({ id: Number(o.id), side: o.side === "buy" ? BUY : SELL, price: o.price, remaining: o.size });
  }
  const actual = formatBook(rows);
  const diff = firstDifference(actual, expected);
  if (diff !== -1) {
    throw new Error(`orderbook bench: peer final book differs at line ${diff}: got "${actual[diff]}", want "${expected[diff]}"`);
  }
}

// --- stats ------------------------------------------------------------------------------------

/** Nearest-rank percentiles of per-op ns; sorts `samples` in place. */
function percentiles(samples: Float64Array): Latency {
  samples.sort();
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), max: samples[samples.length - 1] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
