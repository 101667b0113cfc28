import type { EngineEvent, MarketSpec } from "@/lib/engine/index";
import { ObligationMeter, type ObligationHour } from "@/lib/surveillance/obligation-hours";
import type { AfmmQuoteObligation } from "./terms";

/**
 * The monthly AFMM MI (AFMM-10, RPT-8) as data: per market the trading, the AFMM's part of it and its
 * quoting against its obligations, then the surveillance alerts by rule and outcome and the reviews by
 * timeliness. Pure: the service feeds it the journal and the review register. Figures are integers
 * (bigints as decimal strings), shares in parts per million, spreads in hundredths of a basis point.
 */

export const HK_OFFSET_MS = 8 * 3_600_000;
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A calendar month in Hong Kong time as [fromMs, toMs); null when `month` is not YYYY-MM. */
export function monthWindow(month: string): { fromMs: number; toMs: number } | null {
  const match = MONTH_PATTERN.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  if (year < 2000 || year > 9999) return null;
  return { fromMs: Date.UTC(year, index, 1) - HK_OFFSET_MS, toMs: Date.UTC(year, index + 1, 1) - HK_OFFSET_MS };
}

/** The Hong Kong calendar month holding `ms`, as YYYY-MM. */
export function monthOf(ms: number): string {
  return new Date(ms + HK_OFFSET_MS).toISOString().slice(0, 7);
}

export interface MarketMi {
  market: string;
  trades: number;
  lots: number;
  notionalMicroUsd: string;
  afmmTrades: number;
  afmmLots: number;
  afmmNotionalMicroUsd: string;
  /** AFMM lots / all lots, ppm (0 when no trades). */
  afmmShareOfLotsPpm: number;
  /** Trades where an AFMM account was the maker (resting) / the taker (aggressor); a trade with both counts in both. */
  afmmMakerTrades: number;
  afmmTakerTrades: number;
  afmmMakerLots: number;
  afmmTakerLots: number;
  obligation: Omit<AfmmQuoteObligation, "market"> | null;
  quoting: {
    observedMs: number;
    bothSidesMs: number;
    compliantMs: number;
    /** compliantMs / observedMs, ppm. */
    timeOnBookPpm: number;
    /** Time-weighted spread while two-sided, hundredths of a bp; null when never two-sided. */
    spreadBpsX100: number | null;
    /** Whole hours observed, and those in which the obligation was met (partial hours at the edges are not judged). */
    hours: number;
    hoursMet: number;
  } | null;
}

export interface AlertOutcomeRow {
  rule: string;
  /** NO_ISSUE | ESCALATE | BREACH (decided), OPEN (in review), NOT_QUEUED (no review opened). */
  outcome: string;
  count: number;
}

export interface ReviewTimeliness {
  /** alert | sample */
  kind: string;
  total: number;
  onTime: number;
  late: number;
  openOverdue: number;
  openNotDue: number;
}

export interface AfmmMiData {
  version: 1;
  month: string;
  fromMs: number;
  toMs: number;
  /** Engine time the figures run to: the journal's last event in the month (the month's start when there is none). */
  coveredToMs: number;
  fromSeq: number | null;
  toSeq: number | null;
  /** Journal events in the window (0: nothing was recorded in the month). */
  journalEvents: number;
  totals: { trades: number; lots: number; afmmTrades: number; afmmLots: number; afmmShareOfLotsPpm: number };
  markets: MarketMi[];
  hours: ObligationHour[];
  alerts: AlertOutcomeRow[];
  reviews: ReviewTimeliness[];
}

export interface JournalRange {
  fromSeq: number | null;
  toSeq: number | null;
  lastMs: number | null;
  events: number;
}

interface Volume {
  trades: number;
  lots: number;
  notional: bigint;
  afmmTrades: number;
  afmmLots: number;
  afmmNotional: bigint;
  makerTrades: number;
  takerTrades: number;
  makerLots: number;
  takerLots: number;
}

const ppm = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 1_000_000) / whole) : 0);

/** Feed every journal event from the journal's start (or from a `seed`ed engine image) to the window's end, in order; then `result`. */
export class AfmmMiAccumulator {
  private readonly meter: ObligationMeter;
  private readonly volumes = new Map<string, Volume>();

  constructor(
    private readonly month: string,
    private readonly fromMs: number,
    private readonly toMs: number,
    private readonly markets: MarketSpec[],
    private readonly obligations: AfmmQuoteObligation[],
  ) {
    this.meter = new ObligationMeter(obligations, fromMs, toMs);
    for (const spec of markets)
      this.volumes.set(spec.symbol, {
        trades: 0,
        lots: 0,
        notional: 0n,
        afmmTrades: 0,
        afmmLots: 0,
        afmmNotional: 0n,
        makerTrades: 0,
        takerTrades: 0,
        makerLots: 0,
        takerLots: 0,
      });
  }

  /** Start from an engine image (its afmm-kind accounts and resting orders at `atMs`) instead of the journal's start. */
  seed(afmmAccountIds: readonly number[], resting: Parameters<ObligationMeter["seed"]>[1], atMs: number): void {
    this.meter.seed(afmmAccountIds, resting, atMs);
  }

  observe(event: EngineEvent): void {
    if (event.nowMs >= this.toMs) return;
    this.meter.observe(event);
    if (event.nowMs < this.fromMs || event.type !== "Trade") return;
    const volume = this.volumes.get(event.market);
    const spec = this.markets.find((market) => market.symbol === event.market);
    if (!volume || !spec) return;
    const notional = BigInt(event.price) * BigInt(event.size) * spec.tickLotValue;
    volume.trades += 1;
    volume.lots += event.size;
    volume.notional += notional;
    if (event.takerAfmm || event.makerAfmm) {
      volume.afmmTrades += 1;
      volume.afmmLots += event.size;
      volume.afmmNotional += notional;
    }
    if (event.makerAfmm) {
      volume.makerTrades += 1;
      volume.makerLots += event.size;
    }
    if (event.takerAfmm) {
      volume.takerTrades += 1;
      volume.takerLots += event.size;
    }
  }

  /**
   * `journal`: the month's journal range (every event type). Quoting is measured up to its last event:
   * the engine time the journal covers.
   */
  result(alerts: AlertOutcomeRow[], reviews: ReviewTimeliness[], journal: JournalRange): AfmmMiData {
    const coveredToMs = journal.lastMs ?? this.fromMs;
    const hours = journal.events > 0 ? this.meter.flush(coveredToMs) : [];
    const markets: MarketMi[] = this.markets.map((spec) => {
      const v = this.volumes.get(spec.symbol)!;
      const obligation = this.obligations.find((candidate) => candidate.market === spec.symbol);
      const own = hours.filter((hour) => hour.market === spec.symbol);
      const sum = (pick: (hour: ObligationHour) => number) => own.reduce((total, hour) => total + pick(hour), 0);
      const observedMs = sum((hour) => hour.observedMs);
      const bothSidesMs = sum((hour) => hour.bothSidesMs);
      const spreadTime = sum((hour) => (hour.spreadBpsX100 ?? 0) * hour.bothSidesMs);
      return {
        market: spec.symbol,
        trades: v.trades,
        lots: v.lots,
        notionalMicroUsd: v.notional.toString(),
        afmmTrades: v.afmmTrades,
        afmmLots: v.afmmLots,
        afmmNotionalMicroUsd: v.afmmNotional.toString(),
        afmmShareOfLotsPpm: ppm(v.afmmLots, v.lots),
        afmmMakerTrades: v.makerTrades,
        afmmTakerTrades: v.takerTrades,
        afmmMakerLots: v.makerLots,
        afmmTakerLots: v.takerLots,
        obligation: obligation
          ? { maxSpreadBps: obligation.maxSpreadBps, minSizeLots: obligation.minSizeLots, minTimeOnBookPct: obligation.minTimeOnBookPct }
          : null,
        quoting: obligation
          ? {
              observedMs,
              bothSidesMs,
              compliantMs: sum((hour) => hour.compliantMs),
              timeOnBookPpm: ppm(
                sum((hour) => hour.compliantMs),
                observedMs,
              ),
              spreadBpsX100: bothSidesMs > 0 ? Math.floor(spreadTime / bothSidesMs) : null,
              hours: own.filter((hour) => hour.complete).length,
              hoursMet: own.filter((hour) => hour.complete && hour.met).length,
            }
          : null,
      };
    });
    const total = (pick: (market: MarketMi) => number) => markets.reduce((sum, market) => sum + pick(market), 0);
    return {
      version: 1,
      month: this.month,
      fromMs: this.fromMs,
      toMs: this.toMs,
      coveredToMs,
      fromSeq: journal.fromSeq,
      toSeq: journal.toSeq,
      journalEvents: journal.events,
      totals: {
        trades: total((m) => m.trades),
        lots: total((m) => m.lots),
        afmmTrades: total((m) => m.afmmTrades),
        afmmLots: total((m) => m.afmmLots),
        afmmShareOfLotsPpm: ppm(
          total((m) => m.afmmLots),
          total((m) => m.lots),
        ),
      },
      markets,
      hours,
      alerts,
      reviews,
    };
  }
}

/** Alerts by rule and outcome: a decided review gives its decision, an open one OPEN, none NOT_QUEUED. */
export function alertOutcomes(alerts: Array<{ rule: string; review: { decision: string | null; closedAt: Date | null } | null }>): AlertOutcomeRow[] {
  const counts = new Map<string, AlertOutcomeRow>();
  for (const alert of alerts) {
    const outcome = !alert.review ? "NOT_QUEUED" : (alert.review.decision ?? "OPEN");
    const key = `${alert.rule}|${outcome}`;
    const row = counts.get(key) ?? { rule: alert.rule, outcome, count: 0 };
    row.count += 1;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.outcome.localeCompare(b.outcome));
}

/** Reviews by kind: closed by their due time, closed after it, open past it, open and not yet due (at `nowMs`). */
export function reviewTimeliness(reviews: Array<{ kind: string; dueAt: Date; closedAt: Date | null }>, nowMs: number): ReviewTimeliness[] {
  const byKind = new Map<string, ReviewTimeliness>();
  for (const kind of ["alert", "sample"]) byKind.set(kind, { kind, total: 0, onTime: 0, late: 0, openOverdue: 0, openNotDue: 0 });
  for (const review of reviews) {
    const row = byKind.get(review.kind) ?? { kind: review.kind, total: 0, onTime: 0, late: 0, openOverdue: 0, openNotDue: 0 };
    byKind.set(review.kind, row);
    row.total += 1;
    if (review.closedAt) {
      if (review.closedAt.getTime() <= review.dueAt.getTime()) row.onTime += 1;
      else row.late += 1;
    } else if (review.dueAt.getTime() < nowMs) row.openOverdue += 1;
    else row.openNotDue += 1;
  }
  return [...byKind.values()];
}
