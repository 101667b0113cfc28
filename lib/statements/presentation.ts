import { formatInteger, formatLots, formatMinorUnits, formatTicks, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import type { Block, Column, PresentedDocument, Section, Translate } from "@/lib/incidents/report/presentation";
import type { ContractNote, MarketUnitsOfStatement, MonthlyStatement, StatementTrade } from "./types";

/**
 * The monthly statement and the contract note as titled sections (the presented model the incident
 * documents use), labels from the `inbox.statements` catalogue namespace and figures exact (lib/format),
 * so the inbox page and the PDF cannot differ. Client-safe: no server imports.
 */

/** A translator of the `inbox.statements` namespace. */
export type StatementTranslate = Translate;

const col = (label: string, numeric = false): Column => ({ label, numeric });
const table = (caption: string, columns: Column[], rows: string[][]): Block => ({ kind: "table", caption, columns, rows });

function unitsLookup(markets: readonly MarketUnitsOfStatement[]) {
  const byMarket = new Map(markets.map((m) => [m.market, m]));
  return (market: string): MarketUnitsOfStatement => byMarket.get(market) ?? { market, tickSize: "1", lotSize: "1", baseAsset: market };
}

function signedLots(lots: number, units: MarketUnitsOfStatement): string {
  return lots < 0 ? `-${formatLots(-lots, units.lotSize)}` : formatLots(lots, units.lotSize);
}

function tradeRows(trades: readonly StatementTrade[], units: (market: string) => MarketUnitsOfStatement, t: StatementTranslate): string[][] {
  return trades.map((trade) => {
    const u = units(trade.market);
    return [
      formatUtc(trade.atMs),
      trade.seq,
      trade.market,
      t(`side.${trade.side}`),
      formatLots(trade.lots, u.lotSize),
      formatTicks(Number(trade.price), u.tickSize),
      formatUsdMicrosExact(trade.fee),
      signedLots(trade.positionAfter, u),
    ];
  });
}

export function monthlyStatementDocument(statement: MonthlyStatement, t: StatementTranslate): PresentedDocument {
  const units = unitsLookup(statement.markets);
  const usd = (micros: string) => t("usd", { amount: formatUsdMicrosExact(micros) });
  const none = (): Block => ({ kind: "text", text: t("monthly.none") });
  const tradeColumns = [
    col(t("columns.time")),
    col(t("columns.reference")),
    col(t("columns.market")),
    col(t("columns.side")),
    col(t("columns.lots"), true),
    col(t("columns.price"), true),
    col(t("columns.fee"), true),
    col(t("columns.positionAfter"), true),
  ];
  const tradeSection = (id: string, kind: StatementTrade["kind"]): Section => {
    const rows = tradeRows(
      statement.trades.filter((trade) => trade.kind === kind),
      units,
      t,
    );
    const title = t(`monthly.sections.${id}`);
    return { id: `statement-${id}`, title, blocks: rows.length ? [table(title, tradeColumns, rows)] : [none()] };
  };
  const section = (id: string, blocks: Block[]): Section => ({ id: `statement-${id}`, title: t(`monthly.sections.${id}`), blocks });
  const { totals } = statement;

  const positionRows = statement.positions.map((p) => [p.market, signedLots(p.opening, units(p.market)), signedLots(p.closing, units(p.market))]);
  const fundingRows = statement.funding.map((f) => [formatUtc(f.atMs), f.seq, f.market, usd(f.amount), signedLots(f.positionAfter, units(f.market))]);
  const collateralRows = statement.collateral.map((c) => [
    formatUtc(c.atMs),
    c.seq,
    t(`collateralKind.${c.kind}`),
    c.assetId,
    formatMinorUnits(c.amountMinor, c.decimals),
    usd(c.valueUsd),
  ]);

  return {
    title: t("monthly.title", { month: statement.month }),
    subtitle: t("monthly.subtitle", {
      account: String(statement.engineAccountId),
      from: formatUtc(statement.fromMs),
      to: formatUtc(statement.toMs),
      prepared: formatUtc(statement.preparedAtMs),
    }),
    sections: [
      section("summary", [
        {
          kind: "facts",
          caption: t("monthly.sections.summary"),
          facts: [
            [t("monthly.facts.preparedAt"), formatUtc(statement.preparedAtMs)],
            [t("monthly.facts.period"), t("monthly.facts.periodValue", { from: formatUtc(statement.fromMs), to: formatUtc(statement.toMs) })],
            [t("monthly.facts.account"), String(statement.engineAccountId)],
            [t("monthly.facts.fills"), formatInteger(totals.fills)],
            [t("monthly.facts.liquidations"), formatInteger(totals.liquidations)],
            [t("monthly.facts.adlFills"), formatInteger(totals.adlFills)],
            [t("monthly.facts.fees"), usd(totals.fees)],
            [t("monthly.facts.funding"), usd(totals.funding)],
            [t("monthly.facts.deposited"), usd(totals.deposited)],
            [t("monthly.facts.withdrawn"), usd(totals.withdrawn)],
            [t("monthly.facts.converted"), usd(totals.converted)],
          ],
        },
      ]),
      section("positions", [
        positionRows.length
          ? table(t("monthly.sections.positions"), [col(t("columns.market")), col(t("columns.opening"), true), col(t("columns.closing"), true)], positionRows)
          : none(),
      ]),
      tradeSection("fills", "fill"),
      tradeSection("liquidations", "liquidation"),
      tradeSection("adl", "adl"),
      section("funding", [
        fundingRows.length
          ? table(
              t("monthly.sections.funding"),
              [
                col(t("columns.time")),
                col(t("columns.reference")),
                col(t("columns.market")),
                col(t("columns.fundingAmount"), true),
                col(t("columns.positionAfter"), true),
              ],
              fundingRows,
            )
          : none(),
      ]),
      section("collateral", [
        collateralRows.length
          ? table(
              t("monthly.sections.collateral"),
              [
                col(t("columns.time")),
                col(t("columns.reference")),
                col(t("columns.movement")),
                col(t("columns.asset")),
                col(t("columns.amount"), true),
                col(t("columns.value"), true),
              ],
              collateralRows,
            )
          : none(),
      ]),
      { id: "statement-notes", title: t("monthly.sections.notes"), blocks: [{ kind: "text", text: t("monthly.notes") }] },
    ],
  };
}

export function contractNoteDocument(note: ContractNote, t: StatementTranslate): PresentedDocument {
  const { trade, units } = note;
  return {
    title: t("contractNote.title", { reference: note.seq }),
    subtitle: t("contractNote.subtitle", { account: String(note.engineAccountId), prepared: formatUtc(note.preparedAtMs) }),
    sections: [
      {
        id: "contract-note",
        title: t("contractNote.section"),
        blocks: [
          {
            kind: "facts",
            caption: t("contractNote.section"),
            facts: [
              [t("contractNote.facts.reference"), note.seq],
              [t("contractNote.facts.kind"), t(`tradeKind.${trade.kind}`)],
              [t("columns.time"), formatUtc(trade.atMs, true)],
              [t("columns.market"), trade.market],
              [t("columns.side"), t(`side.${trade.side}`)],
              [t("contractNote.facts.quantity"), t("contractNote.facts.quantityValue", { lots: formatLots(trade.lots, units.lotSize), base: units.baseAsset })],
              [t("columns.price"), t("usd", { amount: formatTicks(Number(trade.price), units.tickSize) })],
              [t("contractNote.facts.notional"), t("usd", { amount: formatUsdMicrosExact(note.notional) })],
              [t("columns.fee"), t("usd", { amount: formatUsdMicrosExact(trade.fee) })],
              [t("columns.positionAfter"), signedLots(trade.positionAfter, units)],
              [t("monthly.facts.preparedAt"), formatUtc(note.preparedAtMs)],
            ],
          },
          { kind: "text", text: t("contractNote.notes") },
        ],
      },
    ],
  };
}
