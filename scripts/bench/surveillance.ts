/**
 * Surveillance benchmark (AFMM-8, LIQ-4):
 *
 * - surveillance.replay-24h: wall time of `runSurveillance` over a clean 24 h headless journal (seed
 *   42, default population and engine configuration; every event with its command position, held in
 *   memory), median over `opts.runs` runs. There is no peer implementation: peer = the 5,000 ms target,
 *   ratio = 5,000 / ours (> 1 = inside the target).
 *   `extra` reports the journal (events, trades, order events), the alerts per rule on that clean day
 *   (= the false-positive rate per day), the clean day's figures the default thresholds were chosen
 *   against (largest AFMM fill distance from mark, largest mark–index distance, hourly AFMM volume
 *   share, hourly share of time the AFMM met its quoting obligation), and the live path: the journal
 *   fed in batches of one second of engine time with a flush at each batch's last event, as the live
 *   projection does: p50/p99 wall time per batch, and the engine-time lag from trigger to alert, for
 *   rules raised on their trigger event and, separately, for the rules that close a window (the lag
 *   from the window's end).
 *
 * - `extra.planted.*`: a 30-minute run (seed 42) with a planted front run (BTC, minute 10), wash
 *   trades (ETH, minute 14) and a spoof (BTC, minute 18): whether the matching rule raised an alert
 *   and its lag in engine time from the event that completes the pattern (the client block's
 *   acceptance, the first trade between the affiliates, the large order's cancel) to the entry whose
 *   observation returned the alert.
 *
 *   --surv-hours H   journal of H hours instead of 24 (quick checks)
 */
import { DEFAULT_ENGINE_CONFIG } from "../../lib/engine/index";
import { AFMM_ACCOUNT_ID, AFMM_AFFILIATE_ACCOUNT_ID, DEFAULT_START_MS, SQUEEZE_DESK_ACCOUNT_ID, runHeadless } from "../../lib/simulation/market/index";
import type { AfmmQuoteObligation } from "../../lib/surveillance/config";
import { createSurveillance, runSurveillance } from "../../lib/surveillance/surveillance";
import { SURVEILLANCE_RULES, type JournaledEvent, type SurveillanceAlert } from "../../lib/surveillance/types";
import type { BenchOptions, BenchResult } from "../bench";

const TARGET_MS = 5_000;
/** Used when the engine configuration carries no AFMM quoting obligations. */
const FALLBACK_OBLIGATIONS: AfmmQuoteObligation[] = [
  { market: "BTC-PERP", maxSpreadBps: 10, minSizeLots: 100, minTimeOnBookPct: 90 },
  { market: "ETH-PERP", maxSpreadBps: 12, minSizeLots: 200, minTimeOnBookPct: 90 },
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const r2 = (x: number) => Math.round(x * 100) / 100;

export async function runSurveillanceBench(opts: BenchOptions): Promise<BenchResult[]> {
  const i = opts.argv.indexOf("--surv-hours");
  const hours = i >= 0 ? Number(opts.argv[i + 1]) : 24;
  if (!(hours > 0)) throw new Error("--surv-hours must be > 0");
  const engineAfmm = (DEFAULT_ENGINE_CONFIG as unknown as { afmm?: { quoteObligations?: AfmmQuoteObligation[] } }).afmm;
  const obligations = engineAfmm?.quoteObligations ?? FALLBACK_OBLIGATIONS;
  const options = { obligations, affiliateAccountIds: [AFMM_ACCOUNT_ID] };

  const journal: JournaledEvent[] = [];
  const g0 = performance.now();
  runHeadless({
    seed: 42,
    durationMs: Math.round(hours * 3_600_000),
    onEvents: (events, position) => {
      for (const event of events) journal.push({ event, position });
    },
  });
  opts.log(`surveillance: ${hours} h journal, ${journal.length} events in ${((performance.now() - g0) / 1_000).toFixed(1)} s`);

  // Journal composition and the clean day's figures behind the default thresholds.
  let trades = 0;
  let orderEvents = 0;
  const mark = new Map<string, number>();
  let maxFillFromMarkBps = 0;
  let maxMarkIndexBps = 0;
  const hourVol = new Map<string, [number, number]>();
  for (const { event: e } of journal) {
    if (e.type === "OrderAccepted" || e.type === "OrderClosed" || e.type === "OrderReduced") orderEvents++;
    else if (e.type === "MarkTick") {
      mark.set(e.market, e.price);
      if (e.inputs.index > 0) maxMarkIndexBps = Math.max(maxMarkIndexBps, (Math.abs(e.price - e.inputs.index) * 10_000) / e.inputs.index);
    } else if (e.type === "Trade") {
      trades++;
      if (e.backstop || e.adl) continue;
      const k = `${e.market}@${Math.floor(e.nowMs / 3_600_000)}`;
      const v = hourVol.get(k) ?? [0, 0];
      v[0] += e.size;
      if (e.takerAfmm || e.makerAfmm) v[1] += e.size;
      hourVol.set(k, v);
      const m = mark.get(e.market) ?? 0;
      if (e.takerAfmm !== e.makerAfmm && m > 0) maxFillFromMarkBps = Math.max(maxFillFromMarkBps, (Math.abs(e.price - m) * 10_000) / m);
    }
  }
  const shares = [...hourVol.values()].filter(([t]) => t >= 5_000).map(([t, a]) => (a * 100) / t);

  // Replay timing.
  const times: number[] = [];
  let alerts: SurveillanceAlert[] = [];
  for (let r = 0; r < Math.max(1, opts.runs); r++) {
    opts.gc();
    const t0 = performance.now();
    alerts = runSurveillance(journal, options);
    times.push(performance.now() - t0);
    opts.log(`surveillance.replay: run ${r + 1} ${times[r].toFixed(0)} ms, ${alerts.length} alerts`);
  }
  const perRule: Record<string, number> = {};
  for (const rule of SURVEILLANCE_RULES) perRule[rule] = 0;
  for (const a of alerts) perRule[a.rule]++;

  // The hourly share of time the AFMM met each obligation (an obligation of 100 % reports every hour).
  const every = runSurveillance(journal, { ...options, obligations: obligations.map((o) => ({ ...o, minTimeOnBookPct: 100 })) }).filter(
    (a) => a.rule === "quote_obligation",
  );
  const quoted: Record<string, string> = {};
  for (const o of obligations) {
    const xs = every.filter((a) => a.market === o.market).map((a) => Number(a.metrics.quotedPct));
    quoted[o.market] = xs.length === 0 ? "n/a" : `min ${r2(Math.min(...xs))} / median ${r2(median(xs))} / max ${r2(Math.max(...xs))} % over ${xs.length} h`;
  }

  // Live: batches of one second of engine time, flushed at the batch's last event.
  opts.gc();
  const live = createSurveillance(options);
  const batchMs: number[] = [];
  const lagEvent: number[] = [];
  const lagWindow: number[] = [];
  let b = 0;
  while (b < journal.length) {
    const sec = Math.floor(journal[b].event.nowMs / 1_000);
    let e = b;
    while (e < journal.length && Math.floor(journal[e].event.nowMs / 1_000) === sec) e++;
    const t0 = performance.now();
    const out: SurveillanceAlert[] = [];
    for (let k = b; k < e; k++) for (const a of live.observe(journal[k])) out.push(a);
    const endMs = journal[e - 1].event.nowMs;
    for (const a of live.flush(endMs)) out.push(a);
    batchMs.push(performance.now() - t0);
    for (const a of out) (a.rule === "quote_obligation" || a.rule === "volume_share" ? lagWindow : lagEvent).push(endMs - a.triggerAtMs);
    b = e;
  }

  const planted = plantedDetection();
  const ours = Math.round(median(times));
  return [
    {
      bench: hours === 24 ? "surveillance.replay-24h" : `surveillance.replay-${hours}h`,
      unit: "ms",
      ours,
      peer: TARGET_MS,
      ratio: r2(TARGET_MS / Math.max(1, ours)),
      target: "< 5,000 ms for a 24 h journal (peer = the target: no peer implementation)",
      met: hours > 24 || ours < TARGET_MS,
      extra: {
        hours,
        events: journal.length,
        trades,
        orderEvents,
        alerts: alerts.length,
        ...Object.fromEntries(Object.entries(perRule).map(([k, v]) => [`alerts.${k}`, v])),
        cleanMaxAfmmFillFromMarkBps: r2(maxFillFromMarkBps),
        cleanMaxMarkIndexBps: r2(maxMarkIndexBps),
        cleanAfmmHourlyVolumeSharePct: `min ${r2(Math.min(...shares))} / median ${r2(median(shares))} / max ${r2(Math.max(...shares))}`,
        ...Object.fromEntries(Object.entries(quoted).map(([k, v]) => [`cleanQuotedPct.${k}`, v])),
        obligations: JSON.stringify(obligations),
        liveBatches: batchMs.length,
        liveBatchP50Ms: r2(pct(batchMs, 50)),
        liveBatchP99Ms: r2(pct(batchMs, 99)),
        liveBatchMaxMs: r2(Math.max(...batchMs)),
        liveLagEventP99Ms: pct(lagEvent, 99),
        liveLagEventAlerts: lagEvent.length,
        liveLagWindowCloseP99Ms: pct(lagWindow, 99),
        liveLagWindowCloseAlerts: lagWindow.length,
        ...Object.fromEntries(Object.entries(planted).map(([k, v]) => [`planted.${k}`, v])),
      },
    },
  ];
}

/** Planted patterns in a 30-minute run: per pattern "detected, lag N ms" or "missed". */
function plantedDetection(): Record<string, string> {
  const MIN = 60_000;
  const journal: JournaledEvent[] = [];
  runHeadless({
    seed: 42,
    durationMs: 30 * MIN,
    scenarios: [
      { atMs: 10 * MIN, input: { type: "plant-front-run", market: "BTC-PERP", side: "buy" } },
      { atMs: 14 * MIN, input: { type: "plant-wash", market: "ETH-PERP", trades: 3 } },
      { atMs: 18 * MIN, input: { type: "plant-spoof", market: "BTC-PERP", side: "sell" } },
    ],
    onEvents: (events, position) => {
      for (const event of events) journal.push({ event, position });
    },
  });
  const s = createSurveillance({ obligations: [], affiliateAccountIds: [AFMM_ACCOUNT_ID] });
  const raised: Array<{ alert: SurveillanceAlert; atMs: number }> = [];
  for (const e of journal) for (const alert of s.observe(e)) raised.push({ alert, atMs: e.event.nowMs });
  const report = (rule: string, completing: JournaledEvent | undefined, match: (a: SurveillanceAlert) => boolean): string => {
    const hit = raised.find((r) => r.alert.rule === rule && match(r.alert));
    if (completing === undefined) return "pattern not placed";
    return hit === undefined ? "missed" : `detected, lag ${hit.atMs - completing.event.nowMs} ms`;
  };
  const t0 = DEFAULT_START_MS + 10 * MIN;
  const block = journal.find((e) => e.event.type === "OrderAccepted" && e.event.accountId === SQUEEZE_DESK_ACCOUNT_ID && e.event.nowMs >= t0 + 5_000);
  const wash = journal.find(
    (e) =>
      e.event.type === "Trade" &&
      [e.event.takerAccountId, e.event.makerAccountId].sort((a, b) => a - b).join() === `${AFMM_ACCOUNT_ID},${AFMM_AFFILIATE_ACCOUNT_ID}`,
  );
  const t2 = DEFAULT_START_MS + 18 * MIN;
  const spoofOrder = journal.find(
    (e) => e.event.type === "OrderAccepted" && e.event.accountId === AFMM_ACCOUNT_ID && e.event.nowMs >= t2 && e.event.side === "sell" && e.event.size >= 2_500,
  );
  const spoofId = spoofOrder?.event.type === "OrderAccepted" ? spoofOrder.event.orderId : -1;
  const cancel = journal.find((e) => e.event.type === "OrderClosed" && e.event.orderId === spoofId);
  return {
    frontRun: report("front_running", block, (a) => a.triggerSeq === block?.event.seq),
    wash: report("wash_trade", wash, (a) => a.triggerSeq === wash?.event.seq),
    spoof: report("spoofing", cancel, (a) => a.metrics.orderId === spoofId),
    otherAlerts: String(raised.filter((r) => !["front_running", "wash_trade", "spoofing"].includes(r.alert.rule)).length),
  };
}
