import { computeAfmmMiWindow } from "@/lib/services/afmm/afmm-mi-window";
import type { ReportCell, ReportColumn, ReportDefinition, ReportResult, ReportTable } from "../types";

/**
 * RPT-8, AFMM-10: the affiliated market maker's MI for the pack's period, computed by the same code
 * as the monthly AFMM MI (lib/services/afmm/afmm-mi-window.ts) over [from, to). Reviews are taken as
 * they stood at the period's end (later decisions and closures count as not yet made), so a past
 * period recomputes to the same figures however the review register has moved on.
 */

const counts = (keys: string[]): ReportColumn[] => keys.map((key) => ({ key, unit: "count" }));

const JOURNAL_SOURCE =
  "the engine journal: Trade events with nowMs in [from, to) (notional = price × size × tick-lot value; AFMM = the maker or taker is an afmm account, " +
  "a trade with both counted once in afmmTrades and in each of maker and taker)";

export const afmmMiReport: ReportDefinition = {
  id: "afmm-mi",
  async build(context): Promise<ReportResult> {
    const { period, signal } = context;
    context.progress(0, 1);
    const data = await computeAfmmMiWindow(context.db, period, {
      label: `${new Date(period.fromMs).toISOString()}/${new Date(period.toMs).toISOString()}`,
      nowMs: period.toMs,
      asOfMs: period.toMs,
      signal,
    });
    context.progress(1, 1);

    const sum = (pick: (m: (typeof data.markets)[number]) => number) => data.markets.reduce((total, m) => total + pick(m), 0);
    const sumBig = (pick: (m: (typeof data.markets)[number]) => string) => data.markets.reduce((total, m) => total + BigInt(pick(m)), 0n).toString();
    const volume: ReportTable = {
      id: "volume",
      columns: [
        { key: "market", unit: "text" },
        { key: "trades", unit: "count" },
        { key: "volumeLots", unit: "lots" },
        { key: "volumeNotionalMicroUsd", unit: "microUsd" },
        { key: "afmmTrades", unit: "count" },
        { key: "afmmVolumeLots", unit: "lots" },
        { key: "afmmNotionalMicroUsd", unit: "microUsd" },
        { key: "afmmShareOfLotsPpm", unit: "ppm" },
        { key: "afmmMakerTrades", unit: "count" },
        { key: "afmmMakerLots", unit: "lots" },
        { key: "afmmTakerTrades", unit: "count" },
        { key: "afmmTakerLots", unit: "lots" },
      ],
      rows: [
        ...data.markets.map((m): ReportCell[] => [
          m.market,
          m.trades,
          m.lots,
          m.notionalMicroUsd,
          m.afmmTrades,
          m.afmmLots,
          m.afmmNotionalMicroUsd,
          m.afmmShareOfLotsPpm,
          m.afmmMakerTrades,
          m.afmmMakerLots,
          m.afmmTakerTrades,
          m.afmmTakerLots,
        ]),
        [
          "ALL",
          data.totals.trades,
          data.totals.lots,
          sumBig((m) => m.notionalMicroUsd),
          data.totals.afmmTrades,
          data.totals.afmmLots,
          sumBig((m) => m.afmmNotionalMicroUsd),
          data.totals.afmmShareOfLotsPpm,
          sum((m) => m.afmmMakerTrades),
          sum((m) => m.afmmMakerLots),
          sum((m) => m.afmmTakerTrades),
          sum((m) => m.afmmTakerLots),
        ],
      ],
      source: `${JOURNAL_SOURCE}, per market listed in the configuration in force; afmmShareOfLotsPpm = afmm lots × 1,000,000 / lots rounded down`,
    };

    const quoting: ReportTable = {
      id: "quoting",
      columns: [
        { key: "market", unit: "text" },
        ...counts(["obligationMaxSpreadBps", "obligationMinSizeLots", "obligationMinTimeOnBookPct", "observedMs", "bothSidesMs", "compliantMs"]),
        { key: "timeOnBookPpm", unit: "ppm" },
        ...counts(["spreadBpsX100", "hoursJudged", "hoursMet"]),
      ],
      rows: data.markets.map((m): ReportCell[] => [
        m.market,
        m.obligation?.maxSpreadBps ?? null,
        m.obligation?.minSizeLots ?? null,
        m.obligation?.minTimeOnBookPct ?? null,
        m.quoting?.observedMs ?? null,
        m.quoting?.bothSidesMs ?? null,
        m.quoting?.compliantMs ?? null,
        m.quoting?.timeOnBookPpm ?? null,
        m.quoting?.spreadBpsX100 ?? null,
        m.quoting?.hours ?? null,
        m.quoting?.hoursMet ?? null,
      ]),
      source:
        "the AFMM's quoting obligations (EngineConfig.afmm.quoteObligations in force; empty where a market has none) measured from its resting orders in " +
        "the engine journal (AccountCreated, OrderAccepted, OrderReduced, OrderClosed, Trade; starting from the latest engine snapshot before the period) " +
        "from `from` to the period's last journal event: observedMs, bothSidesMs (both sides quoted), compliantMs (both sides within the spread and size); " +
        "timeOnBookPpm = compliantMs × 1,000,000 / observedMs; spreadBpsX100: time-weighted spread while two-sided, hundredths of a basis point; " +
        "hoursJudged: whole hours observed, hoursMet: of those, hours meeting minTimeOnBookPct",
    };

    const alerts: ReportTable = {
      id: "alerts",
      columns: [{ key: "rule", unit: "text" }, { key: "outcome", unit: "text" }, ...counts(["alerts"])],
      rows: data.alerts.map((row): ReportCell[] => [row.rule, row.outcome, row.count]),
      source:
        "SurveillanceAlert where triggerAtMs in [from, to), by rule and the outcome of its AfmmReview as at `to`: the decision (NO_ISSUE, ESCALATE, " +
        "BREACH) if decided before `to`, OPEN if the review was opened before `to` and not yet decided, NOT_QUEUED if no review was opened before `to`",
    };

    const reviews: ReportTable = {
      id: "reviews",
      columns: [{ key: "reviewKind", unit: "text" }, ...counts(["reviews", "closedOnTime", "closedLate", "openOverdue", "openNotDue"])],
      rows: data.reviews.map((row): ReportCell[] => [row.kind, row.total, row.onTime, row.late, row.openOverdue, row.openNotDue]),
      source:
        "AfmmReview where openedAt in [from, to), by kind (alert, sample), as at `to`: closedOnTime / closedLate: closedAt before `to`, by dueAt or after it; " +
        "openOverdue / openNotDue: not closed before `to`, dueAt before `to` or not",
    };

    return {
      report: "afmm-mi",
      period,
      tables: [volume, quoting, alerts, reviews],
      journal: data.fromSeq === null || data.toSeq === null ? null : { fromSeq: data.fromSeq, toSeq: data.toSeq },
    };
  },
};
