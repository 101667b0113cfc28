/**
 * Headless accelerated market simulation: its own engine + simulator + in-memory
 * order-id counter, no server, no database.
 *
 *   npx tsx scripts/simulate.ts --hours 24 --seed 42
 *   npx tsx scripts/simulate.ts --hours 12 --seed 7 --scenario 'flash-crash@6h:{"market":"BTC-PERP","dropPct":30,"durationSec":60}'
 *   npx tsx scripts/simulate.ts --hours 2 --scenario '{"type":"afmm-pull","at":"30m","durationSec":300}' --json
 *   npx tsx scripts/simulate.ts --hours 2 --scenario 'gap-through-backstop@1h:{"market":"BTC-PERP"}'
 *
 * The text summary (and `summary.markets[].waterfall` in --json) counts, per market, how often each
 * waterfall step ran (cancel_orders, book, backstop, insurance_fund, adl) and how often the fund hit
 * its floor or the backstop LPs' capacity ran out.
 *
 * Options:
 *   --hours H         simulated hours (default 24; fractions allowed, e.g. 0.5)
 *   --seed N          seed (default 42)
 *   --step-ms MS      simulated time per step (default 1000)
 *   --start ISO|MS    simulated start (default 2026-01-01T00:00:00Z; collateral is effective from then)
 *   --scenario SPEC   repeatable. SPEC = TYPE@OFFSET:JSON-PARAMS, or a JSON object with "type" and "at".
 *                     OFFSET from the start: 6h, 30m, 90s, 1h30m or milliseconds. Types: flash-crash,
 *                     venue-depeg, venues-stale, afmm-pull, funding-squeeze, gap-through-backstop,
 *                     plant-front-run, plant-wash, plant-spoof
 *                     (lib/simulation/market/README.md).
 *   --json            one JSON object on stdout (bigints as decimal strings); progress stays on stderr
 *   --quiet           no hourly progress
 */
import { pathToFileURL } from "node:url";
import { marketView } from "../lib/engine/index";
import { DEFAULT_START_MS, runHeadless, type HeadlessResult, type ScheduledScenario } from "../lib/simulation/market/index";

class UsageError extends Error {}

interface Args {
  hours: number;
  seed: number;
  stepMs: number;
  startMs: number;
  scenarios: ScheduledScenario[];
  json: boolean;
  quiet: boolean;
}

export function parseOffset(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3_600_000 : m[2] === "m" ? n * 60_000 : m[2] === "s" ? n * 1_000 : n;
    consumed += m[0].length;
  }
  if (consumed === 0 || consumed !== text.length) throw new UsageError(`bad offset "${text}" (use e.g. 6h, 30m, 90s, 1h30m or milliseconds)`);
  return Math.round(total);
}

export function parseScenarioSpec(spec: string): ScheduledScenario {
  const trimmed = spec.trim();
  if (trimmed.startsWith("{")) {
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(trimmed) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`--scenario: invalid JSON: ${(e as Error).message}`);
    }
    const { at, ...input } = obj;
    return { atMs: at === undefined ? 0 : parseOffset(typeof at === "string" || typeof at === "number" ? String(at) : JSON.stringify(at)), input };
  }
  const m = /^([a-z-]+)@([0-9hms.]+):(.*)$/s.exec(trimmed);
  if (m === null)
    throw new UsageError(`--scenario "${spec}": expected TYPE@OFFSET:{json}, e.g. flash-crash@6h:{"market":"BTC-PERP","dropPct":30,"durationSec":60}`);
  let params: unknown;
  try {
    params = JSON.parse(m[3]);
  } catch (e) {
    throw new UsageError(`--scenario "${spec}": invalid JSON parameters: ${(e as Error).message}`);
  }
  if (params === null || typeof params !== "object" || Array.isArray(params)) throw new UsageError(`--scenario "${spec}": parameters must be a JSON object`);
  return { atMs: parseOffset(m[2]), input: { type: m[1], ...params } };
}

function parseArgs(argv: string[]): Args {
  const a: Args = { hours: 24, seed: 42, stepMs: 1_000, startMs: DEFAULT_START_MS, scenarios: [], json: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--hours": {
        a.hours = Number(value());
        if (!(a.hours > 0) || a.hours > 24 * 365) throw new UsageError("--hours must be > 0 (and at most a year)");
        break;
      }
      case "--seed": {
        a.seed = Number(value());
        if (!Number.isSafeInteger(a.seed)) throw new UsageError("--seed must be an integer");
        break;
      }
      case "--step-ms": {
        a.stepMs = Number(value());
        if (!Number.isSafeInteger(a.stepMs) || a.stepMs < 10 || a.stepMs > 60_000) throw new UsageError("--step-ms must be an integer in 10 … 60000");
        break;
      }
      case "--start": {
        const v = value();
        a.startMs = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
        if (!Number.isSafeInteger(a.startMs)) throw new UsageError(`--start: cannot parse "${v}"`);
        break;
      }
      case "--scenario":
        a.scenarios.push(parseScenarioSpec(value()));
        break;
      case "--json":
        a.json = true;
        break;
      case "--quiet":
        a.quiet = true;
        break;
      case "--help":
      case "-h":
        throw new UsageError(
          "usage: npx tsx scripts/simulate.ts [--hours 24] [--seed 42] [--step-ms 1000] [--start ISO] [--scenario TYPE@OFFSET:{json}]... [--json] [--quiet]",
        );
      default:
        throw new UsageError(`unknown option ${flag} (try --help)`);
    }
  }
  return a;
}

const usd = (micro: bigint): string => {
  const neg = micro < 0n;
  const c = (neg ? -micro : micro) / 10_000n; // cents
  const whole = (c / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${whole}.${(c % 100n).toString().padStart(2, "0")}`;
};
const pct = (ppb: bigint): string => `${(Number(ppb) / 10_000_000).toFixed(4)}%`;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function report(a: Args, r: HeadlessResult, wallMs: number): string {
  const s = r.summary;
  const speed = (s.simulatedSeconds * 1_000) / wallMs;
  const L: string[] = [];
  L.push(`Simulated ${iso(s.startMs)} → ${iso(s.endMs)} (${(s.simulatedSeconds / 3_600).toFixed(2)} h), seed ${a.seed}, step ${a.stepMs} ms`);
  L.push(`Wall time ${(wallMs / 1_000).toFixed(1)} s — speed-up ${Math.round(speed).toLocaleString("en-US")}× real time`);
  L.push(
    `Commands ${s.commands.toLocaleString("en-US")} (rejected: ${
      Object.entries(s.rejections)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none"
    })`,
  );
  L.push(
    `Simulator: ${r.simulator.ordersPlaced.toLocaleString("en-US")} orders, ${r.simulator.cancels.toLocaleString("en-US")} cancels, ${r.simulator.topUps} client top-ups, regime now ${r.simulator.regime}`,
  );
  L.push(`Trades ${s.trades.toLocaleString("en-US")} (${s.tradesPerHour.toLocaleString("en-US")}/h)`);
  for (const m of s.markets) {
    const v = marketView(r.engine, m.market)!;
    L.push(
      `  ${m.market}: ${m.trades.toLocaleString("en-US")} trades, volume ${usd(m.volume)} USD, ${m.liquidationTrades} liquidation fills; index ${v.index} mark ${v.mark} ticks, OI ${v.openInterestLongLots} lots`,
    );
  }
  const st = s.liquidations.byStage;
  L.push(`Liquidations ${s.liquidations.started} (partial ${s.liquidations.partial}); by waterfall step:`);
  L.push(
    `  book ${st.book.entered} entries / ${st.book.lotsClosed} lots; backstop ${st.backstop.entered} / ${st.backstop.lotsClosed} lots; insurance fund ${st.insurance_fund.entered} (paid ${usd(st.insurance_fund.amount)} USD); ADL ${st.adl.entered} / ${st.adl.lotsClosed} lots`,
  );
  L.push(`ADL events ${s.adl.events} (${s.adl.lots} lots)`);
  L.push(`Waterfall steps per market (LiqStageEntered per stage; fund at floor; backstop capacity exhausted):`);
  for (const m of s.markets) {
    const w = m.waterfall;
    L.push(
      `  ${m.market}: cancel_orders ${w.stages.cancel_orders}, book ${w.stages.book}, backstop ${w.stages.backstop}, insurance_fund ${w.stages.insurance_fund}, adl ${w.stages.adl}; InsuranceFundDepleted ${w.insuranceFundDepleted}; BackstopCapacityExhausted ${w.backstopCapacityExhausted}`,
    );
  }
  L.push(`Insurance fund (USD):`);
  for (const m of s.markets) {
    const f = m.insuranceFund;
    L.push(`  ${m.market}: start ${usd(f.start)}, min ${usd(f.min)}, end ${usd(f.end)}`);
    L.push(`    hourly: ${f.hourly.map(usd).join(" ")}`);
  }
  L.push(`Largest mark–index divergence:`);
  for (const m of s.markets) L.push(`  ${m.market}: ${m.maxMarkIndexDivergence.bps.toFixed(2)} bps at ${iso(m.maxMarkIndexDivergence.atMs)}`);
  L.push(`Funding (per ${8} h interval; cap shown):`);
  for (const m of s.markets) {
    const rates = m.funding.settlements.map((x) => `${pct(x.ratePpb)}${x.capped ? " (cap)" : ""}`).join(", ") || "none settled";
    L.push(`  ${m.market}: ${rates}; predicted now ${pct(marketView(r.engine, m.market)!.predictedFunding.rate)}; cap ±${pct(m.funding.capPpb)}`);
  }
  for (const sc of r.scenarios) {
    const o = sc.outcome;
    L.push(`Scenario ${sc.id} ${sc.type} ${JSON.stringify(sc.input)} ${iso(sc.startMs)} → ${iso(sc.endMs)} [${sc.status}]`);
    L.push(
      `  liquidations ${o.liquidations.started}: book ${o.liquidations.byStage.book.lotsClosed} lots, backstop ${o.liquidations.byStage.backstop.lotsClosed} lots, fund paid ${usd(o.liquidations.byStage.insurance_fund.amount)} USD, ADL ${o.adlFired ? `${o.adlLots} lots` : "no"} (adl stage entered ${o.liquidations.byStage.adl.entered}×; fund at floor ${o.liquidations.insuranceFundDepleted}×, backstop capacity exhausted ${o.liquidations.backstopCapacityExhausted}×)`,
    );
    for (const m of o.markets) {
      L.push(
        `  ${m.market}: fund max drawdown ${usd(m.insuranceFund.maxDrawdown)} net ${usd(m.insuranceFund.netDrawdown)} USD; max mark–index ${m.maxMarkIndexDivergenceBps.toFixed(2)} bps; spread ${m.baselineSpreadBps ?? "-"} → mean ${m.meanSpreadBps ?? "-"} / max ${m.maxSpreadBps ?? "-"} bps, one-sided ${m.oneSidedSteps} steps; |predicted funding| max ${pct(m.maxAbsPredictedFundingPpb)}${m.fundingCapHit ? " (cap hit)" : ""}; index held ${m.indexHeldTicks} ticks`,
      );
    }
  }
  L.push(`Final state hash ${r.finalStateHash}`);
  return L.join("\n") + "\n";
}

function main(): void {
  const a = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const r = runHeadless({
    seed: a.seed,
    durationMs: Math.round(a.hours * 3_600_000),
    stepMs: a.stepMs,
    startMs: a.startMs,
    scenarios: a.scenarios,
    onHour: a.quiet
      ? undefined
      : (h, engine) => {
          const parts = ["BTC-PERP", "ETH-PERP"]
            .map((m) => marketView(engine, m))
            .filter((v) => v !== undefined)
            .map((v) => `${v.market} ${v.index}/${v.mark}`);
          process.stderr.write(`  h${h} ${parts.join("  ")}  (${((performance.now() - t0) / 1_000).toFixed(1)} s)\n`);
        },
  });
  const wallMs = performance.now() - t0;
  if (a.json) {
    const out = {
      seed: a.seed,
      stepMs: a.stepMs,
      wallMs: Math.round(wallMs),
      speedUp: Math.round((r.summary.simulatedSeconds * 1_000) / wallMs),
      finalStateHash: r.finalStateHash,
      summary: r.summary,
      simulator: r.simulator,
      scenarios: r.scenarios,
    };
    process.stdout.write(`${JSON.stringify(out, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`);
  } else {
    process.stdout.write(report(a, r, wallMs));
  }
}

// Only when run as a script, so that the parsers above can be imported by tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && /^(invalid scenario|scenario rejected)/.test(e.message))) {
      process.stderr.write(`simulate: ${e.message}\n`);
      process.exitCode = 2;
    } else throw e;
  }
}
