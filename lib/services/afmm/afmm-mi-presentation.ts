import { formatInteger, formatUsdMicros } from "@/lib/format";
import type { Block, PresentedDocument, Section, Translate } from "@/lib/incidents/report/presentation";
import { SURVEILLANCE_RULES } from "@/lib/surveillance/types";
import { HK_OFFSET_MS, type AfmmMiData } from "./afmm-mi-model";

/**
 * The monthly AFMM MI as titled sections of facts and tables (the model the incident reports use), every
 * label from the `afmm.afmmMi.report` catalogue: the HTML view and both PDFs draw this one model.
 * Client-safe: no server imports.
 */

/** Rows of the "hours not met" table shown on the page and in the PDF; every hour is in the CSV. */
export const HOURS_SHOWN = 100;

const pad2 = (n: number) => String(n).padStart(2, "0");
/** Parts per million as a percentage with two places, truncated: 753_412 → "75.34%". */
export const ppmPercent = (ppm: number) => `${Math.floor(ppm / 10_000)}.${pad2(Math.floor((ppm % 10_000) / 100))}%`;
/** Hundredths of a basis point as bps with two places: 33 → "0.33". */
export const bpsText = (x100: number | null) => (x100 === null ? "—" : `${Math.floor(x100 / 100)}.${pad2(x100 % 100)}`);
/** Epoch ms as Hong Kong time, "2026-01-01 00:00". */
export const hongKongTime = (ms: number) => new Date(ms + HK_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");

export function afmmMiDocument(report: { month: string; sha256: string; generatedAt: Date; data: AfmmMiData }, t: Translate): PresentedDocument {
  const { data } = report;
  const int = (value: number) => formatInteger(value);
  const share = (part: number, whole: number) => ppmPercent(whole > 0 ? Math.floor((part * 1_000_000) / whole) : 0);
  const sections: Section[] = [];
  const summary: Block[] = [
    {
      kind: "facts",
      caption: t("sections.summary"),
      facts: [
        [t("facts.window"), `${hongKongTime(data.fromMs)} – ${hongKongTime(data.toMs)}`],
        [t("facts.coveredTo"), data.journalEvents > 0 ? hongKongTime(data.coveredToMs) : "—"],
        [t("facts.journal"), data.journalEvents > 0 ? `${int(data.journalEvents)} (${data.fromSeq} – ${data.toSeq})` : "0"],
        [t("facts.trades"), int(data.totals.trades)],
        [t("facts.lots"), int(data.totals.lots)],
        [t("facts.afmmTrades"), int(data.totals.afmmTrades)],
        [t("facts.afmmShare"), ppmPercent(data.totals.afmmShareOfLotsPpm)],
      ],
    },
  ];
  if (data.journalEvents === 0) summary.push({ kind: "text", text: t("empty") });
  else if (data.coveredToMs < data.toMs - 60_000) summary.push({ kind: "text", text: t("partial", { time: hongKongTime(data.coveredToMs) }) });
  sections.push({ id: "summary", title: t("sections.summary"), blocks: summary });

  const c = (key: string, numeric = true) => ({ label: t(`columns.${key}`), numeric });
  sections.push({
    id: "markets",
    title: t("sections.markets"),
    blocks: [
      {
        kind: "table",
        caption: t("sections.markets"),
        columns: [
          c("market", false),
          c("trades"),
          c("lots"),
          c("notional"),
          c("afmmTrades"),
          c("afmmLots"),
          c("afmmNotional"),
          c("afmmShare"),
          c("makerTrades"),
          c("takerTrades"),
        ],
        rows: data.markets.map((m) => [
          m.market,
          int(m.trades),
          int(m.lots),
          formatUsdMicros(m.notionalMicroUsd),
          int(m.afmmTrades),
          int(m.afmmLots),
          formatUsdMicros(m.afmmNotionalMicroUsd),
          ppmPercent(m.afmmShareOfLotsPpm),
          int(m.afmmMakerTrades),
          int(m.afmmTakerTrades),
        ]),
      },
    ],
  });

  sections.push({
    id: "quoting",
    title: t("sections.quoting"),
    blocks: [
      {
        kind: "table",
        caption: t("sections.quoting"),
        columns: [c("market", false), c("obligation", false), c("twoSided"), c("timeOnBook"), c("spread"), c("hoursMet")],
        rows: data.markets.map((m) => [
          m.market,
          m.obligation
            ? t("obligation", {
                maxSpreadBps: m.obligation.maxSpreadBps,
                minSizeLots: m.obligation.minSizeLots,
                minTimeOnBookPct: m.obligation.minTimeOnBookPct,
              })
            : t("noObligation"),
          m.quoting ? share(m.quoting.bothSidesMs, m.quoting.observedMs) : "—",
          m.quoting ? ppmPercent(m.quoting.timeOnBookPpm) : "—",
          m.quoting ? bpsText(m.quoting.spreadBpsX100) : "—",
          m.quoting ? t("hoursOf", { met: m.quoting.hoursMet, hours: m.quoting.hours }) : "—",
        ]),
      },
    ],
  });

  const missed = data.hours.filter((hour) => hour.complete && !hour.met);
  const hoursBlocks: Block[] =
    missed.length === 0
      ? [{ kind: "text", text: t("none") }]
      : [
          {
            kind: "table",
            caption: t("sections.hoursMissed"),
            columns: [c("market", false), c("hour", false), c("twoSided"), c("timeOnBook"), c("spread")],
            rows: missed
              .slice(0, HOURS_SHOWN)
              .map((hour) => [
                hour.market,
                hongKongTime(hour.hourStartMs),
                share(hour.bothSidesMs, hour.observedMs),
                share(hour.compliantMs, hour.observedMs),
                bpsText(hour.spreadBpsX100),
              ]),
          },
          ...(missed.length > HOURS_SHOWN ? [{ kind: "text" as const, text: t("more", { count: missed.length - HOURS_SHOWN }) }] : []),
        ];
  sections.push({ id: "hours-missed", title: t("sections.hoursMissed"), blocks: hoursBlocks });

  const ruleLabel = (rule: string) => (RULES.has(rule) ? t(`rules.${rule}`) : rule);
  const outcomeLabel = (outcome: string) => (OUTCOMES.has(outcome) ? t(`outcomes.${outcome}`) : outcome);
  sections.push({
    id: "alerts",
    title: t("sections.alerts"),
    blocks:
      data.alerts.length === 0
        ? [{ kind: "text", text: t("none") }]
        : [
            {
              kind: "table",
              caption: t("sections.alerts"),
              columns: [c("rule", false), c("outcome", false), c("count")],
              rows: data.alerts.map((row) => [ruleLabel(row.rule), outcomeLabel(row.outcome), int(row.count)]),
            },
          ],
  });
  sections.push({
    id: "reviews",
    title: t("sections.reviews"),
    blocks: [
      {
        kind: "table",
        caption: t("sections.reviews"),
        columns: [c("kind", false), c("total"), c("onTime"), c("late"), c("openOverdue"), c("openNotDue")],
        rows: data.reviews.map((row) => [
          KINDS.has(row.kind) ? t(`kinds.${row.kind}`) : row.kind,
          int(row.total),
          int(row.onTime),
          int(row.late),
          int(row.openOverdue),
          int(row.openNotDue),
        ]),
      },
    ],
  });
  return {
    title: t("title", { month: report.month }),
    subtitle: t("subtitle", {
      from: hongKongTime(data.fromMs),
      to: hongKongTime(data.toMs),
      generatedAt: `${hongKongTime(report.generatedAt.getTime())} HKT`,
      sha256: report.sha256,
    }),
    sections,
  };
}

const RULES = new Set<string>(SURVEILLANCE_RULES);
const OUTCOMES = new Set(["NO_ISSUE", "ESCALATE", "BREACH", "OPEN", "NOT_QUEUED"]);
const KINDS = new Set(["alert", "sample"]);
