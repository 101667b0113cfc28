/**
 * Benchmark runner behind `npm run bench`.
 *
 *   npx tsx scripts/bench.ts                      readable table
 *   npx tsx scripts/bench.ts --json               one JSON object per result line
 *   npx tsx scripts/bench.ts --only orderbook     run benches (and keep results) whose name starts with the prefix
 *   npx tsx scripts/bench.ts --runs 5 --peer-runs 0
 *
 * Progress goes to stderr so that `--json` output on stdout stays machine-readable.
 *
 * To add a bench: write `async function runXBench(opts: BenchOptions): Promise<BenchResult[]>` in
 * `scripts/bench/x.ts` and add one line to {@link benches}.
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { pathToFileURL } from "node:url";
import { runOrderBookBench } from "./bench/order-book";

/** One measured figure. `ratio` is "how many times better than the peer" (>1 = we win), whatever the unit. */
export interface BenchResult {
  /** Dotted name, e.g. `orderbook.workload-1m.throughput`; `--only` matches its prefix. */
  bench: string;
  /** e.g. `ops/s`, `ns`, `ms`. */
  unit: string;
  ours: number;
  peer: number | null;
  ratio: number | null;
  /** Human-readable target, e.g. `>= 2,000,000 ops/s`. */
  target?: string;
  /** Whether `ours` meets `target`, for benches whose target is a pass/fail line; a miss is listed under the table. */
  met?: boolean;
  extra?: Record<string, unknown>;
}

/** Options every bench receives. Benches read extra flags of their own from `argv`. */
export interface BenchOptions {
  /** Measured runs of our implementation (median reported). */
  runs: number;
  /** Measured runs of the peer implementation; 0 skips the peer. */
  peerRuns: number;
  /** Full command-line arguments after the script name. */
  argv: string[];
  /** Forces a full GC between runs when the runtime allows it; a no-op otherwise. */
  gc: () => void;
  /** Progress output (stderr). */
  log: (message: string) => void;
}

export interface Bench {
  /** Prefix of every result name this bench produces; `--only` selects benches by it. */
  name: string;
  run: (opts: BenchOptions) => Promise<BenchResult[]>;
}

export const benches: Bench[] = [
  { name: "orderbook", run: runOrderBookBench },
  { name: "engine", run: (o) => import("./bench/engine").then((m) => m.runEngineBench(o)) },
  { name: "simulation", run: (o) => import("./bench/simulation").then((m) => m.runSimulationBench(o)) },
  { name: "surveillance", run: (o) => import("./bench/surveillance").then((m) => m.runSurveillanceBench(o)) },
  { name: "sse", run: (o) => import("./bench/sse").then((m) => m.runSseBench(o)) },
  { name: "journal", run: (o) => import("./bench/journal").then((m) => m.runJournalBench(o)) },
  { name: "journal-growth", run: (o) => import("./bench/journal-growth").then((m) => m.runJournalGrowthBench(o)) },
  { name: "pages", run: (o) => import("./bench/public-pages").then((m) => m.runPublicPagesBench(o)) },
  { name: "history", run: (o) => import("./bench/history").then((m) => m.runHistoryBench(o)) },
  { name: "incidents", run: (o) => import("./bench/incidents").then((m) => m.runIncidentBench(o)) },
  { name: "outbox", run: (o) => import("./bench/outbox").then((m) => m.runOutboxBench(o)) },
  { name: "stress", run: (o) => import("./bench/stress").then((m) => m.runStressBench(o)) },
  { name: "reports", run: (o) => import("./bench/reports").then((m) => m.runReportsBench(o)) },
];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes("--json");
  const only = flagValue(argv, "--only");
  const opts: BenchOptions = {
    runs: intFlag(argv, "--runs", 3),
    peerRuns: intFlag(argv, "--peer-runs", 1),
    argv,
    gc: exposeGc(),
    log: (message) => process.stderr.write(`${message}\n`),
  };

  // A dotted result name selects its bench; a bench whose name merely begins another's (journal,
  // journal-growth) is not selected by the longer one.
  const selected = benches.filter((b) => only === undefined || b.name.startsWith(only) || only === b.name || only.startsWith(`${b.name}.`));
  if (selected.length === 0) throw new Error(`--only ${only} matches no bench (have: ${benches.map((b) => b.name).join(", ")})`);

  const results: BenchResult[] = [];
  for (const b of selected) {
    for (const r of await b.run(opts)) {
      if (only !== undefined && !r.bench.startsWith(only) && !b.name.startsWith(only)) continue;
      results.push(r);
      // Print as results arrive so that a crash in a later bench does not lose earlier lines.
      if (json) process.stdout.write(`${toJsonLine(r)}\n`);
      if (json && r.met === false) opts.log(`TARGET MISSED: ${r.bench} = ${fmt(r.ours)} ${r.unit}, target ${r.target ?? "?"}`);
    }
  }
  if (!json) process.stdout.write(table(results));
}

/** Fixed key order: bench, unit, ours, peer, ratio first, then the optional keys. */
function toJsonLine(r: BenchResult): string {
  const { bench, unit, ours, peer, ratio, target, met, extra } = r;
  return JSON.stringify({
    bench,
    unit,
    ours,
    peer,
    ratio,
    ...(target === undefined ? {} : { target }),
    ...(met === undefined ? {} : { met }),
    ...(extra === undefined ? {} : { extra }),
  });
}

function table(results: BenchResult[]): string {
  const rows = [
    ["bench", "unit", "ours", "peer", "ratio", "target", "met"],
    ...results.map((r) => [
      r.bench,
      r.unit,
      fmt(r.ours),
      r.peer === null ? "-" : fmt(r.peer),
      r.ratio === null ? "-" : `${r.ratio.toFixed(1)}x`,
      r.target ?? "",
      r.met === undefined ? "" : r.met ? "yes" : "MISSED",
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  const missed = results.filter((r) => r.met === false).map((r) => `TARGET MISSED: ${r.bench} = ${fmt(r.ours)} ${r.unit}, target ${r.target ?? "?"}`);
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line), ...(missed.length ? ["", ...missed] : [])].join("\n") + "\n";
}

function fmt(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString("en-US") : x.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

/**
 * `npm run bench` runs plain `tsx`, without `--expose-gc`. Turning the flag on at run time and
 * fetching `gc` from a fresh context is the documented V8 way to get it anyway.
 */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    if (typeof gc === "function") return gc as () => void;
  } catch {
    // Some runtimes refuse the flag; runs are then only separated by allocation-driven GCs.
  }
  return () => {};
}

function flagValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i === -1) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`${name} needs a value`);
  return v;
}

function intFlag(argv: string[], name: string, fallback: number): number {
  const v = flagValue(argv, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
}

// Only when run as a script: other tooling may import the registry without starting the benches.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
