import { formatInteger, formatPpbDecimal, formatPpbPercentExact, formatTicks, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import type { ClientStatement } from "./statement-types";
import type { IncidentNarrative, IncidentReport } from "./types";

/**
 * The report and the statement as titled sections of tables, facts and text, every label from the
 * `incidents` catalogue namespace and every figure formatted exactly (lib/format). The HTML
 * components and the PDF both draw this one model, so they cannot show different labels or figures.
 * Client-safe: no server imports.
 */

/** A translator of the `incidents` namespace (next-intl's useTranslations/getTranslations/createTranslator). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface Column {
  label: string;
  numeric?: boolean;
}
export type Block =
  | { kind: "table"; caption: string; columns: Column[]; rows: string[][] }
  | { kind: "facts"; caption: string; facts: Array<[label: string, value: string]> }
  | { kind: "text"; text: string };
export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}
export interface PresentedDocument {
  title: string;
  subtitle: string;
  sections: Section[];
}

const REASONS = new Set([
  "below_maintenance",
  "negative_balance",
  "book_exhausted",
  "healthy",
  "equity_below_backstop_trigger",
  "negative_balance_after_close",
  "insurance_fund_exhausted",
  "backstop_capacity_exhausted",
  "balance_at_or_below_floor",
  "capacity_exhausted",
]);
const STEPS = new Set(["cancel_orders", "book", "backstop", "insurance_fund", "adl", "fund_floor", "backstop_exhausted"]);
const AVAILABLE_AFTER = "available_after=";

function formatters(t: Translate, units: { tickSize: string }) {
  return {
    price: (ticks: string | null) => (ticks === null ? t("common.empty") : formatTicks(Number(ticks), units.tickSize)),
    usd: (micros: string) => formatUsdMicrosExact(micros),
    usdUnit: (micros: string) => t("common.usd", { amount: formatUsdMicrosExact(micros) }),
    count: (value: number) => formatInteger(value),
    time: (ms: number) => formatUtc(ms, true),
    yesNo: (value: boolean) => t(value ? "common.yes" : "common.no"),
    step: (stage: string) => stepLabel(t, stage),
    reason: (reason: string) => {
      if (REASONS.has(reason)) return t(`common.reasons.${reason}`);
      if (reason.startsWith(AVAILABLE_AFTER) && /^-?\d+$/.test(reason.slice(AVAILABLE_AFTER.length)))
        return t("common.reasons.availableAfter", { amount: formatUsdMicrosExact(reason.slice(AVAILABLE_AFTER.length)) });
      return t("common.reasons.other", { code: reason });
    },
  };
}

/** A waterfall step's label (an unknown one shows its code). */
export function stepLabel(t: Translate, stage: string): string {
  return STEPS.has(stage) ? t(`common.steps.${stage}`) : t("common.reasons.other", { code: stage });
}

const table = (caption: string, columns: Column[], rows: string[][]): Block => ({ kind: "table", caption, columns, rows });
const col = (label: string, numeric = false): Column => ({ label, numeric });

export function incidentReportDocument(report: IncidentReport, t: Translate, narrative?: IncidentNarrative): PresentedDocument {
  const f = formatters(t, report.units);
  const sections: Section[] = [];

  if (narrative) {
    const text = (value: string | null | undefined) => (value?.trim() ? value : t("report.narrative.missing"));
    sections.push({
      id: "summary",
      title: t("report.narrative.title"),
      blocks: [
        {
          kind: "facts",
          caption: t("report.narrative.title"),
          facts: [
            [t("report.narrative.cause"), text(narrative.cause)],
            [t("report.narrative.impact"), text(narrative.impact)],
            [t("report.narrative.remediation"), text(narrative.remediation)],
          ],
        },
      ],
    });
  }

  sections.push({
    id: "overview",
    title: t("report.overview.title"),
    blocks: [
      {
        kind: "facts",
        caption: t("report.overview.title"),
        facts: [
          [t("report.overview.market"), report.market],
          [t("report.overview.started"), f.time(report.startedAtMs)],
          [t("report.overview.ended"), f.time(report.endedAtMs)],
          [t("report.overview.steps"), report.steps.map(f.step).join(" → ")],
          [t("report.overview.accountsLiquidated"), f.count(report.affected.accountsLiquidated)],
          [t("report.overview.clientsWithPositions"), f.count(report.affected.clientsWithPositions)],
        ],
      },
      { kind: "text", text: t("common.units", { tickSize: report.units.tickSize, lotSize: report.units.lotSize }) },
      { kind: "text", text: t("common.generated") },
    ],
  });

  sections.push({
    id: "timeline",
    title: t("report.timeline.title"),
    blocks: [
      table(
        t("report.timeline.caption"),
        [
          col(t("report.timeline.time")),
          col(t("report.timeline.seq"), true),
          col(t("report.timeline.account")),
          col(t("report.timeline.step")),
          col(t("report.timeline.reason")),
          col(t("report.timeline.toClose"), true),
          col(t("report.timeline.closed"), true),
          col(t("report.timeline.bankruptcy"), true),
          col(t("report.timeline.mark"), true),
          col(t("report.timeline.amount"), true),
          col(t("report.timeline.equityAfter"), true),
        ],
        report.timeline.map((row) => [
          f.time(row.atMs),
          String(row.seq),
          row.account ?? t("report.timeline.fund"),
          f.step(row.stage),
          f.reason(row.reason),
          f.count(row.sizeToClose),
          f.count(row.sizeClosed),
          f.price(row.bankruptcyPrice),
          f.price(row.markPrice),
          f.usd(row.amount),
          row.equityAfter === null ? t("common.empty") : f.usd(row.equityAfter),
        ]),
      ),
    ],
  });

  const window = report.priceWindow;
  sections.push({
    id: "prices",
    title: t("report.prices.title"),
    blocks: [
      { kind: "text", text: t("report.prices.window", { from: f.time(window.fromMs), to: f.time(window.toMs), rows: f.count(window.rowsInWindow) }) },
      ...(window.every > 1 ? [{ kind: "text" as const, text: t("report.prices.thinned", { every: window.every }) }] : []),
      table(
        t("report.prices.caption"),
        [col(t("report.prices.time")), col(t("report.prices.mark"), true), col(t("report.prices.index"), true), col(t("report.prices.sources"))],
        report.prices.map((row) => [
          f.time(row.atMs),
          f.price(row.mark),
          f.price(row.index),
          row.sources
            .map((source) =>
              source.status === "included"
                ? t("report.prices.source", { source: source.sourceId, price: f.price(source.price) })
                : t("report.prices.sourceStatus", {
                    source: source.sourceId,
                    price: f.price(source.price),
                    status: source.status === "clamped" || source.status === "excluded" ? t(`report.prices.status.${source.status}`) : source.status,
                  }),
            )
            .join("; "),
        ]),
      ),
    ],
  });

  sections.push({
    id: "closed",
    title: t("report.closed.title"),
    blocks: [
      table(
        t("report.closed.caption"),
        [
          col(t("report.closed.step")),
          col(t("report.closed.liquidations"), true),
          col(t("report.closed.lots"), true),
          col(t("report.closed.notional"), true),
          col(t("report.closed.average"), true),
        ],
        report.closedByStep.map((row) => [f.step(row.stage), f.count(row.liquidations), f.count(row.lots), f.usd(row.notional), f.price(row.averagePrice)]),
      ),
    ],
  });

  sections.push({
    id: "backstop",
    title: t("report.backstop.title"),
    blocks: [
      {
        kind: "facts",
        caption: t("report.backstop.title"),
        facts: [
          [t("report.backstop.lots"), f.count(report.backstop.lots)],
          [t("report.backstop.notional"), f.usd(report.backstop.notional)],
          [t("report.backstop.compensation"), f.usd(report.backstop.compensationPaid)],
          [t("report.backstop.exhausted"), f.yesNo(report.backstop.capacityExhausted)],
        ],
      },
      table(
        t("report.backstop.caption"),
        [
          col(t("report.backstop.provider")),
          col(t("report.backstop.lots"), true),
          col(t("report.backstop.notional"), true),
          col(t("report.backstop.compensation"), true),
        ],
        report.backstop.providers.map((row) => [row.provider, f.count(row.lots), f.usd(row.notional), f.usd(row.compensation)]),
      ),
    ],
  });

  const fund = report.insuranceFund;
  sections.push({
    id: "fund",
    title: t("report.fund.title"),
    blocks: [
      {
        kind: "facts",
        caption: t("report.fund.caption"),
        facts: [
          [t("report.fund.before"), f.usdUnit(fund.before)],
          [t("report.fund.after"), f.usdUnit(fund.after)],
          [t("report.fund.floor"), f.usdUnit(fund.floor)],
          [t("report.fund.lowest"), f.usdUnit(fund.lowest)],
          [t("report.fund.paidOut"), f.usdUnit(fund.paidOut)],
          [t("report.fund.backstopCompensation"), f.usdUnit(fund.backstopCompensation)],
          [t("report.fund.adlCompensation"), f.usdUnit(fund.adlCompensation)],
          [t("report.fund.negativeEquityCover"), f.usdUnit(fund.negativeEquityCover)],
          [t("report.fund.feesIn"), f.usdUnit(fund.feesIn)],
          [t("report.fund.deposited"), f.usdUnit(fund.deposited)],
          [t("report.fund.reachedFloor"), f.yesNo(fund.reachedFloor)],
        ],
      },
    ],
  });

  const adl = report.adl;
  sections.push({
    id: "adl",
    title: t("report.adl.title"),
    blocks: [
      { kind: "text", text: t("report.adl.intro") },
      table(
        t("report.adl.fillsCaption"),
        [
          col(t("report.adl.time")),
          col(t("report.adl.rank"), true),
          col(t("report.adl.account")),
          col(t("report.adl.score"), true),
          col(t("report.adl.price"), true),
          col(t("report.adl.mark"), true),
          col(t("report.adl.lots"), true),
          col(t("report.adl.upnl"), true),
          col(t("report.adl.loss"), true),
          col(t("report.adl.compensation"), true),
        ],
        adl.fills.map((row) => [
          f.time(row.atMs),
          String(row.rank),
          row.account,
          formatPpbDecimal(row.rankingScorePpb),
          f.price(row.price),
          f.price(row.markPrice),
          f.count(row.lots),
          f.usd(row.upnlBefore),
          f.usd(row.loss),
          f.usd(row.compensation),
        ]),
      ),
      table(
        t("report.adl.stagesCaption"),
        [
          col(t("report.timeline.seq"), true),
          col(t("report.adl.bankrupt")),
          col(t("report.adl.lotsNeeded"), true),
          col(t("report.adl.lotsClosed"), true),
          col(t("report.adl.deficit"), true),
          col(t("report.adl.fundAvailable"), true),
          col(t("report.adl.uncovered"), true),
        ],
        adl.stages.map((row) => [
          String(row.seq),
          row.account,
          f.count(row.lotsNeeded),
          f.count(row.lotsClosed),
          f.usd(row.deficit),
          f.usd(row.fundAvailable),
          f.usd(row.uncovered),
        ]),
      ),
      {
        kind: "facts",
        caption: t("report.adl.summaryCaption"),
        facts: [
          [t("report.adl.lotsNeeded"), f.count(adl.lotsNeeded)],
          [t("report.adl.lotsClosed"), f.count(adl.lotsClosed)],
          [t("report.adl.lotsBeyondMinimum"), f.count(adl.lotsBeyondMinimum)],
          [t("report.adl.lossSocialized"), f.usdUnit(adl.lossSocialized)],
          [t("report.adl.minimumNeeded"), f.usdUnit(adl.minimumNeeded)],
          [t("report.adl.beyondMinimum"), f.usdUnit(adl.beyondMinimum)],
        ],
      },
    ],
  });

  const proRata = adl.proRata;
  sections.push({
    id: "pro-rata",
    title: t("report.proRata.title"),
    blocks: [
      { kind: "text", text: t("report.proRata.intro") },
      ...proRata.basis.map((basis) => ({
        kind: "text" as const,
        text: t("report.proRata.basis", {
          side: t(`common.side.${basis.side}`),
          seq: String(basis.atSeq),
          mark: f.price(basis.markPrice),
          accounts: f.count(basis.eligibleAccounts),
          eligible: f.count(basis.eligibleLots),
          lots: f.count(basis.lots),
        }),
      })),
      {
        kind: "facts",
        caption: t("report.proRata.title"),
        facts: [
          [t("report.proRata.rankedAccountsAffected"), f.count(proRata.rankedAccountsAffected)],
          [t("report.proRata.accountsAffected"), f.count(proRata.accountsAffected)],
        ],
      },
      table(
        t("report.proRata.caption"),
        [
          col(t("report.proRata.account")),
          col(t("report.proRata.side")),
          col(t("report.proRata.eligible"), true),
          col(t("report.proRata.ranked"), true),
          col(t("report.proRata.proRata"), true),
        ],
        proRata.allocations.map((row) => [
          row.account,
          t(`common.side.${row.side}`),
          f.count(row.eligibleLots),
          f.count(row.rankedLots),
          f.count(row.proRataLots),
        ]),
      ),
    ],
  });

  sections.push({
    id: "parameters",
    title: t("report.parameters.title"),
    blocks: [
      table(
        t("report.parameters.caption"),
        [col(t("report.parameters.parameter")), col(t("report.parameters.value"), true)],
        report.parameters.map((parameter) => [parameterLabel(t, parameter.path), parameterValue(t, parameter)]),
      ),
    ],
  });

  const journal = report.journal;
  sections.push({
    id: "journal",
    title: t("report.journal.title"),
    blocks: [
      {
        kind: "facts",
        caption: t("report.journal.caption"),
        facts: [
          [t("report.journal.fromSeq"), String(journal.fromSeq)],
          [t("report.journal.toSeq"), String(journal.toSeq)],
          [t("report.journal.fromPosition"), String(journal.fromPosition)],
          [t("report.journal.toPosition"), String(journal.toPosition)],
          [t("report.journal.stateHashBefore"), journal.stateHashBefore],
          [t("report.journal.stateHashAfter"), journal.stateHashAfter],
          [t("report.journal.configHash"), report.configHash],
          [t("report.journal.schemaVersion"), String(report.schemaVersion)],
        ],
      },
    ],
  });

  return {
    title: t("report.title", { market: report.market }),
    subtitle: t("report.subtitle", { id: report.incidentId, from: f.time(report.startedAtMs), to: f.time(report.endedAtMs) }),
    sections,
  };
}

/** "liquidation.insuranceFundFloor" → its label; "marginTiers[1].maintenanceMarginRate" → the tier-2 label. */
function parameterLabel(t: Translate, path: string): string {
  const tier = /^marginTiers\[(\d+)\]\.(floorNotional|maintenanceMarginRate|maintenanceAmount)$/.exec(path);
  if (tier) return t(`report.parameters.${tier[2]}`, { tier: Number(tier[1]) + 1 });
  const name = /^liquidation\.(liquidationFeeRate|maxBookChunkNotional|backstopEquityBelowMaintenance|insuranceFundFloor)$/.exec(path);
  return name ? t(`report.parameters.${name[1]}`) : path;
}

function parameterValue(t: Translate, parameter: IncidentReport["parameters"][number]): string {
  switch (parameter.unit) {
    case "ppb":
      return formatPpbPercentExact(parameter.value);
    case "micro-USD":
      return t("common.usd", { amount: formatUsdMicrosExact(parameter.value) });
    case "fraction":
      return parameter.value;
  }
}

export function clientStatementDocument(statement: ClientStatement, t: Translate): PresentedDocument {
  const f = formatters(t, statement.units);
  const sections: Section[] = [
    {
      id: "summary",
      title: t("statement.summary.title"),
      blocks: [
        { kind: "text", text: t("statement.intro") },
        {
          kind: "facts",
          caption: t("statement.summary.title"),
          facts: [
            [t("statement.summary.positionBefore"), f.count(statement.positionBefore)],
            [t("statement.summary.positionAfter"), f.count(statement.positionAfter)],
            [t("statement.summary.realizedPnl"), f.usdUnit(statement.realizedPnl)],
            [t("statement.summary.liquidationFees"), f.usdUnit(statement.liquidationFees)],
            [t("statement.summary.adlCompensation"), f.usdUnit(statement.adlCompensation)],
            [t("statement.summary.equityBefore"), f.usdUnit(statement.equityBefore)],
            [t("statement.summary.equityAfter"), f.usdUnit(statement.equityAfter)],
          ],
        },
        { kind: "text", text: t("common.units", { tickSize: statement.units.tickSize, lotSize: statement.units.lotSize }) },
      ],
    },
    {
      id: "fills",
      title: t("statement.fills.title"),
      blocks: [
        table(
          t("statement.fills.caption"),
          [
            col(t("statement.fills.time")),
            col(t("statement.fills.kind")),
            col(t("statement.fills.side")),
            col(t("statement.fills.lots"), true),
            col(t("statement.fills.price"), true),
            col(t("statement.fills.mark"), true),
            col(t("statement.fills.realized"), true),
            col(t("statement.fills.fee"), true),
          ],
          statement.fills.map((fill) => [
            f.time(fill.atMs),
            t(`statement.fills.kinds.${fill.kind}`),
            t(`common.side.${fill.side}`),
            f.count(fill.lots),
            f.price(fill.price),
            f.price(fill.markPrice),
            f.usd(fill.realizedPnl),
            f.usd(fill.fee),
          ]),
        ),
      ],
    },
    {
      id: "collateral",
      title: t("statement.collateral.title"),
      blocks: statement.collateralConverted.length
        ? [
            table(
              t("statement.collateral.caption"),
              [col(t("statement.collateral.asset")), col(t("statement.collateral.amount"), true), col(t("statement.collateral.value"), true)],
              statement.collateralConverted.map((row) => [row.assetId, formatInteger(row.amountMinor), f.usd(row.valueUsd)]),
            ),
          ]
        : [{ kind: "text", text: t("statement.collateral.none") }],
    },
  ];
  return {
    title: t("statement.title", { market: statement.market }),
    subtitle: t("statement.subtitle", {
      id: statement.incidentId,
      from: f.time(statement.startedAtMs),
      to: f.time(statement.endedAtMs),
      account: String(statement.engineAccountId),
    }),
    sections,
  };
}

/** What the SFC cover states beyond the report itself: where and when the report was published, and who was told. */
export interface SfcCoverFacts {
  publishedAtMs: number;
  approvedAtMs: number;
  publicJsonAddress: string;
  publicPdfAddress: string;
  publishedSha256: string;
  clientsNotified: number;
  dueAtMs: number;
}

/**
 * RPT-7: the published post-event report under an SFC-facing cover. The cover restates the event's
 * headline figures from the same report and identifies the published text by its address and
 * SHA-256; the report's own sections follow unchanged, so the SFC reads what clients read.
 */
export function sfcCoverDocument(report: IncidentReport, narrative: IncidentNarrative, cover: SfcCoverFacts, t: Translate): PresentedDocument {
  const f = formatters(t, report.units);
  const published = incidentReportDocument(report, t, narrative);
  return {
    title: t("sfcCover.title", { market: report.market }),
    subtitle: t("sfcCover.subtitle", { id: report.incidentId, published: f.time(cover.publishedAtMs) }),
    sections: [
      {
        id: "sfc-cover",
        title: t("sfcCover.heading"),
        blocks: [
          { kind: "text", text: t("sfcCover.lead") },
          {
            kind: "facts",
            caption: t("sfcCover.heading"),
            facts: [
              [t("sfcCover.incident"), report.incidentId],
              [t("report.overview.market"), report.market],
              [t("report.overview.started"), f.time(report.startedAtMs)],
              [t("report.overview.ended"), f.time(report.endedAtMs)],
              [t("report.overview.steps"), report.steps.map(f.step).join(" → ")],
              [t("report.overview.accountsLiquidated"), f.count(report.affected.accountsLiquidated)],
              [t("sfcCover.fundPaidOut"), f.usdUnit(report.insuranceFund.paidOut)],
              [t("sfcCover.adlLots"), f.count(report.adl.lotsClosed)],
              [t("sfcCover.approved"), f.time(cover.approvedAtMs)],
              [t("sfcCover.published"), f.time(cover.publishedAtMs)],
              [t("sfcCover.due"), f.time(cover.dueAtMs)],
              [t("sfcCover.clientsNotified"), f.count(cover.clientsNotified)],
              [t("sfcCover.publicJson"), cover.publicJsonAddress],
              [t("sfcCover.publicPdf"), cover.publicPdfAddress],
              [t("sfcCover.sha256"), cover.publishedSha256],
            ],
          },
          { kind: "text", text: t("sfcCover.follows") },
        ],
      },
      ...published.sections,
    ],
  };
}
