/**
 * Engine benchmarks, medians over `opts.runs` measured runs after a warm-up:
 *
 * - engine.workload-1m.throughput: the shared 1M-op workload through `apply` (pre-trade margin
 *   check, events, fees, positions on every order; 300 funded accounts, owner = id mod 300, a Tick
 *   every 1,000 ops). Peer: the bare order book on the same ops (owner = account, same STP) — the
 *   ratio shows what the engine layer costs on top of matching. After the runs the engine's final
 *   book must equal the peer's (same ops, owners and STP) or the bench throws.
 * - engine.liq-detect.{10pct,1pct}: liquidation detection among 1,000,000 positions after a −10 %
 *   / −1 % mark move, ids copied out (µs), on the engine's LiquidationIndex with the bucket width the
 *   engine uses for ETH-PERP (2^8 ticks). Peer: the full scan of the same keys (the test oracle);
 *   ratio = scan / index.
 * - engine.cascade-10k: 10,000 accounts bankrupt in one mark update, each through the whole
 *   waterfall (cancel → book → backstop → insurance fund → ADL). Peer: none.
 */
import { LiquidationIndex, LONG, SHORT } from "../../lib/engine/liquidation-index";
import { liqBucketShift } from "../../lib/engine/exchange";
import { ETH_PERP } from "../../lib/engine/default-config";
import { OrderBook, BUY, SELL } from "../../lib/engine/order-book";
import { apply, checkInvariants, createEngine, type EngineState } from "../../lib/engine/index";
import type { Command } from "../../lib/engine/types";
import { T0, configWith, fundedAccount, must, quotes } from "../../lib/engine/test-helpers";
import type { BenchOptions, BenchResult } from "../bench";
import { OP_CANCEL, OP_LIMIT, firstDifference, formatBook, loadWorkload, type Workload } from "./workload";

const ACCOUNTS = 300;
const TICK_EVERY = Number(process.env.TICK_EVERY ?? 1000);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** sfc32 seeded through splitmix32: the tests' and benches' PRNG (never used inside lib/engine). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  const sm = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Full engine on workload-1m
// ---------------------------------------------------------------------------------------------

const MARKET = "ETH-PERP"; // tick 0.01 like the workload; 100,000 ticks = 1,000 USD

function accountOf(id: number): number {
  return (id % ACCOUNTS) + 1;
}

function buildEngine(): EngineState {
  const s = createEngine(configWith(), T0);
  const t = T0 + 1;
  quotes(s, MARKET, 100_000, t);
  for (let a = 1; a <= ACCOUNTS; a++) fundedAccount(s, a, 10_000_000_000n, t); // 100M USD each
  return s;
}

/**
 * The engine's order ids for the workload: a host hands out ids in order, and the engine accepts only
 * ids near its highest (lib/engine/order-ids.ts), so limit and market orders are numbered together in
 * op order. `workloadId` maps an engine id back to the workload's (0 for market orders). Owners stay
 * those of the bare book (limit: workload id mod 300; market: the k-th one's 2,000,000,000 + k), so
 * self-trade prevention acts on the same pairs.
 */
function engineIds(w: Workload, n: number): { orderId: Int32Array; workloadId: Int32Array } {
  const orderId = new Int32Array(n);
  const workloadId = new Int32Array(n + 1);
  const byWorkloadId = new Map<number, number>();
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (w.type[i] === OP_CANCEL) orderId[i] = byWorkloadId.get(w.id[i]) ?? 0;
    else {
      orderId[i] = ++next;
      if (w.type[i] === OP_LIMIT) {
        byWorkloadId.set(w.id[i], next);
        workloadId[next] = w.id[i];
      }
    }
  }
  return { orderId, workloadId };
}

function buildCommands(w: Workload, n: number, ids: Int32Array): Command[] {
  const cmds: Command[] = [];
  let now = T0 + 10;
  let marketOwner = 2_000_000_000;
  for (let i = 0; i < n; i++) {
    now++;
    const type = w.type[i];
    if (type === OP_LIMIT) {
      cmds.push({
        type: "PlaceOrder",
        nowMs: now,
        accountId: accountOf(w.id[i]),
        orderId: ids[i],
        market: MARKET,
        side: w.side[i] === 0 ? "buy" : "sell",
        orderType: "limit",
        price: w.price[i],
        size: w.size[i],
      });
    } else if (type === OP_CANCEL) {
      cmds.push({ type: "CancelOrder", nowMs: now, accountId: accountOf(w.id[i]), orderId: ids[i] });
    } else {
      cmds.push({
        type: "PlaceOrder",
        nowMs: now,
        accountId: accountOf(marketOwner++),
        orderId: ids[i],
        market: MARKET,
        side: w.side[i] === 0 ? "buy" : "sell",
        orderType: "market",
        size: w.size[i],
      });
    }
    if ((i + 1) % TICK_EVERY === 0) cmds.push({ type: "Tick", nowMs: now });
  }
  return cmds;
}

function runCommands(s: EngineState, cmds: Command[]): { events: number; rejections: number } {
  let events = 0;
  let rejections = 0;
  for (let i = 0; i < cmds.length; i++) {
    const r = apply(s, cmds[i]);
    events += r.events.length;
    if (r.rejection) rejections++;
  }
  return { events, rejections };
}

/** Resting orders as `id side price remaining` lines sorted by id (workload.ts formatBook), ids mapped through `toWorkloadId`. */
function bookLines(book: OrderBook, toWorkloadId?: Int32Array): string[] {
  return formatBook(book.snapshot().map(([id, , side, price, remaining]) => ({ id: toWorkloadId ? toWorkloadId[id] : id, side, price, remaining })));
}

function bareBook(w: Workload, n: number, out?: { book: OrderBook | null }): number {
  const book = new OrderBook();
  if (out) out.book = book;
  let marketId = 2_000_000_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const type = w.type[i];
    if (type === OP_LIMIT) book.limit(w.id[i], accountOf(w.id[i]), w.side[i] === 0 ? BUY : SELL, w.price[i], w.size[i]);
    else if (type === OP_CANCEL) book.cancel(w.id[i]);
    else {
      const id = marketId++;
      book.market(id, accountOf(id), w.side[i] === 0 ? BUY : SELL, w.size[i]);
    }
  }
  return Number(process.hrtime.bigint() - t0);
}

export async function runEngineWorkloadBench(opts: BenchOptions): Promise<BenchResult[]> {
  const w = loadWorkload();
  const n = w.count;
  opts.log(`engine: building ${n.toLocaleString("en-US")} commands`);
  const ids = engineIds(w, n);
  const cmds = buildCommands(w, n, ids.orderId);
  const warm = buildEngine();
  runCommands(warm, cmds.slice(0, 200_000));
  const rates: number[] = [];
  let last = { events: 0, rejections: 0 };
  let violations: string[] = [];
  let engineBook: string[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const s = buildEngine();
    opts.gc();
    const t0 = process.hrtime.bigint();
    last = runCommands(s, cmds);
    const ns = Number(process.hrtime.bigint() - t0);
    rates.push((cmds.length / ns) * 1e9);
    opts.log(`engine: run ${r + 1}: ${Math.round((cmds.length / ns) * 1e9).toLocaleString("en-US")} ops/s`);
    if (r === 0) {
      violations = checkInvariants(s);
      engineBook = bookLines(s.marketBySymbol.get(MARKET)!.book, ids.workloadId);
    }
  }
  if (violations.length > 0) throw new Error(`engine bench: invariants violated: ${violations.slice(0, 3).join("; ")}`);
  // Honesty check: every op really went through matching — the engine's final book equals the bare
  // book's on the same ops with the same owners and STP. (workload-1m.final-book.txt is for
  // distinct owners without STP, so it does not apply to this owner = id mod 300 mapping.)
  const ref: { book: OrderBook | null } = { book: null };
  bareBook(w, n, ref);
  const peerBook = bookLines(ref.book!);
  const diff = firstDifference(engineBook, peerBook);
  if (diff >= 0) throw new Error(`engine bench: final book differs from the bare book at line ${diff}: "${engineBook[diff]}" vs "${peerBook[diff]}"`);
  const peer: number[] = [];
  bareBook(w, 200_000);
  for (let r = 0; r < Math.max(1, opts.peerRuns); r++) {
    opts.gc();
    peer.push((n / bareBook(w, n)) * 1e9);
  }
  const ours = Math.round(median(rates));
  const p = Math.round(median(peer));
  return [
    {
      bench: "engine.workload-1m.throughput",
      unit: "ops/s",
      ours,
      peer: p,
      ratio: ours / p,
      target: ">= 500,000 ops/s",
      extra: {
        commands: cmds.length,
        accounts: ACCOUNTS,
        events: last.events,
        rejections: last.rejections,
        finalBookOrders: engineBook.length,
        finalBookEqualsPeer: true,
        peer: "bare OrderBook, same ops",
        runs: rates.map(Math.round),
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Liquidation detection among 1M positions
// ---------------------------------------------------------------------------------------------

const N_POS = 1_000_000;
const MARK0 = 100_000; // ticks (ETH-PERP at 1,000 USD)

function buildPositions(): { keys: Int32Array; sides: Int8Array } {
  // ENGINE-ANCHORS §3 model: entry ±5 %, leverage log-uniform 1–50x, MMR by size tier; integer keys.
  const rnd = prng(20240601);
  const keys = new Int32Array(N_POS);
  const sides = new Int8Array(N_POS);
  for (let i = 0; i < N_POS; i++) {
    const long = rnd() < 0.5;
    const e = MARK0 * (0.95 + 0.1 * rnd());
    const lev = Math.exp(Math.log(50) * rnd());
    const size = 1 + Math.floor(-Math.log(1 - rnd()) * 9);
    const m = size < 10 ? 0.005 : size < 30 ? 0.01 : 0.025;
    const c = (e * size) / lev;
    let liq = long ? (e - c / size) / (1 - m) : (e + c / size) / (1 + m);
    // Keep every position healthy at the starting mark, as in the anchor model.
    liq = long ? Math.min(liq, MARK0 - 1) : Math.max(liq, MARK0 + 1);
    keys[i] = Math.max(1, long ? Math.floor(liq) : Math.ceil(liq));
    sides[i] = long ? LONG : SHORT;
  }
  return { keys, sides };
}

function scan(keys: Int32Array, sides: Int8Array, mark: number, out: Int32Array): number {
  let k = 0;
  for (let i = 0; i < keys.length; i++) {
    if (sides[i] === LONG ? keys[i] >= mark : keys[i] <= mark) out[k++] = i;
  }
  return k;
}

export async function runDetectionBench(opts: BenchOptions): Promise<BenchResult[]> {
  const { keys, sides } = buildPositions();
  const shift = liqBucketShift(ETH_PERP);
  const t0 = process.hrtime.bigint();
  const idx = new LiquidationIndex(shift);
  for (let i = 0; i < N_POS; i++) idx.set(i, sides[i], keys[i]);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = new Int32Array(N_POS);
  const results: BenchResult[] = [];
  for (const [name, mark, target] of [
    ["10pct", Math.round(MARK0 * 0.9), "< 1,000 µs"],
    ["1pct", Math.round(MARK0 * 0.99), "< 200 µs"],
  ] as const) {
    const ours: number[] = [];
    const peer: number[] = [];
    let k = 0;
    let kScan = 0;
    for (let r = 0; r < 3; r++) {
      idx.collect(mark, out);
      scan(keys, sides, mark, out);
    }
    for (let r = 0; r < Math.max(5, opts.runs); r++) {
      opts.gc();
      let a = process.hrtime.bigint();
      k = idx.collect(mark, out);
      ours.push(Number(process.hrtime.bigint() - a) / 1e3);
      a = process.hrtime.bigint();
      kScan = scan(keys, sides, mark, out);
      peer.push(Number(process.hrtime.bigint() - a) / 1e3);
    }
    if (k !== kScan) throw new Error(`detection mismatch: index ${k} vs scan ${kScan}`);
    const o = median(ours);
    const p = median(peer);
    results.push({
      bench: `engine.liq-detect.${name}`,
      unit: "µs",
      ours: Number(o.toFixed(1)),
      peer: Number(p.toFixed(1)),
      ratio: p / o,
      target,
      extra: { positions: N_POS, liquidatable: k, bucketTicks: 1 << shift, buildMs: Math.round(buildMs), peer: "full scan of the same keys (test oracle)" },
    });
  }
  // Maintenance cost: re-key every position once (e.g. after funding), per update.
  const rnd = prng(7);
  const a = process.hrtime.bigint();
  for (let i = 0; i < N_POS; i++) idx.set(i, sides[i], Math.max(1, keys[i] + Math.floor(rnd() * 200) - 100));
  const perUpdateNs = Number(process.hrtime.bigint() - a) / N_POS;
  results.push({ bench: "engine.liq-index.update", unit: "ns", ours: Math.round(perUpdateNs), peer: null, ratio: null, target: "<= 500 ns" });
  return results;
}

// ---------------------------------------------------------------------------------------------
// Cascade: 10,000 bankruptcies through the waterfall
// ---------------------------------------------------------------------------------------------

const N_BANKRUPT = 10_000;
const N_SHORTS = 100;

function buildCascade(): EngineState {
  // BTC-PERP at 60,000 USD. 10k longs of 10 lots (0.01 BTC, 600 USD) at ~40x; 100 well-funded
  // shorts are the other side (profitable after the crash → ADL queue); one backstop LP with
  // capacity for about a third of the inventory; a small insurance fund above its floor.
  const s = createEngine(configWith(), T0);
  let t = T0 + 1;
  quotes(s, "BTC-PERP", 600_000, t);
  must(s, { type: "FundInsurance", nowMs: t, fundingId: "if", market: "BTC-PERP", amount: 1_000_000_000_000n + 2_000_000_000n });
  must(s, { type: "CreateAccount", nowMs: t, accountId: 900_000, kind: "backstop", backstop: { priority: 1, capacity: 2_000_000_000_000n } });
  must(s, { type: "Deposit", nowMs: t, accountId: 900_000, depositId: "bs", assetId: "USD", amountMinor: 100_000_000_000n });
  must(s, { type: "SettleDeposit", nowMs: t, depositId: "bs" });
  for (let k = 0; k < N_SHORTS; k++) fundedAccount(s, 800_000 + k, 100_000_000n, t); // 1M USD each
  let oid = 1;
  for (let i = 0; i < N_BANKRUPT; i++) {
    const id = i + 1;
    fundedAccount(s, id, 1_600n, t); // 16 USD for 600 USD notional
    const short = 800_000 + (i % N_SHORTS);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: short, orderId: oid++, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 10 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: id, orderId: oid++, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 10 });
  }
  t += 1;
  apply(s, { type: "Tick", nowMs: t });
  return s;
}

export async function runCascadeBench(opts: BenchOptions): Promise<BenchResult[]> {
  const times: number[] = [];
  let stats: Record<string, number> = {};
  const runs = Math.max(1, Math.min(opts.runs, 3));
  buildCascadeAndCrash(true);
  for (let r = 0; r < runs; r++) {
    const res = buildCascadeAndCrash(false, opts);
    times.push(res.ms);
    stats = res.stats;
  }
  return [{ bench: "engine.cascade-10k", unit: "ms", ours: Number(median(times).toFixed(1)), peer: null, ratio: null, target: "< 200 ms", extra: stats }];
}

function buildCascadeAndCrash(warm: boolean, opts?: BenchOptions): { ms: number; stats: Record<string, number> } {
  const s = buildCascade();
  opts?.gc();
  const now = T0 + 10;
  const cmd: Command = {
    type: "IndexQuotes",
    nowMs: now,
    market: "BTC-PERP",
    quotes: ["hashkey", "osl", "coinbase", "kraken", "bitstamp"].map((sourceId) => ({
      sourceId,
      price: 540_000,
      timestampMs: now,
      recentVolumeUsd: 50_000_000,
    })),
  };
  const t0 = process.hrtime.bigint();
  const r = apply(s, cmd);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stats: Record<string, number> = { liquidations: 0, adlStages: 0, backstopStages: 0, events: r.events.length };
  for (const e of r.events) {
    if (e.type === "LiquidationStarted") stats.liquidations++;
    if (e.type === "LiqStageEntered" && e.stage === "adl") stats.adlStages++;
    if (e.type === "LiqStageEntered" && e.stage === "backstop" && e.sizeClosed > 0) stats.backstopStages++;
  }
  if (!warm) {
    if (stats.liquidations < N_BANKRUPT) throw new Error(`cascade: only ${stats.liquidations} liquidations`);
    const v = checkInvariants(s);
    if (v.length > 0) throw new Error(`cascade invariants: ${v.slice(0, 3).join("; ")}`);
  }
  return { ms, stats };
}

/** All engine benches, for the runner's registry. */
export async function runEngineBench(opts: BenchOptions): Promise<BenchResult[]> {
  return [...(await runDetectionBench(opts)), ...(await runCascadeBench(opts)), ...(await runEngineWorkloadBench(opts))];
}
