import { createTranslator } from "next-intl";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { monthWindow } from "@/lib/services/afmm/afmm-mi-model";
import { buildContractNote, buildMonthlyStatement, monthlyStatementOf, notionalMicroUsd, type ActivityLine, type CollateralEvent } from "./model";
import { contractNotePdf, monthlyStatementPdf } from "./pdf";
import { contractNoteDocument, monthlyStatementDocument, type StatementTranslate } from "./presentation";

const window = monthWindow("2026-01")!;
const at = (offsetMs: number) => window.fromMs + offsetMs;
const units = (market: string) => ({ market, tickSize: "0.1", lotSize: "0.001", baseAsset: market.split("-")[0] });
const line = (seq: number, ms: number, kind: string, extra: Partial<ActivityLine>): ActivityLine => ({
  seq: BigInt(seq),
  nowMs: BigInt(ms),
  kind,
  market: "BTC-PERP",
  side: null,
  lots: null,
  priceTicks: null,
  amount: null,
  positionAfter: 0,
  ...extra,
});

const activity: ActivityLine[] = [
  line(10, at(1_000), "fill", { side: "buy", lots: 100, priceTicks: 600_000, amount: 3_000_000n, positionAfter: 150 }),
  line(20, at(2_000), "funding", { amount: -1_234_567n, positionAfter: 150 }),
  line(30, at(3_000), "liquidation", { side: "sell", lots: 150, priceTicks: 575_000, amount: 4_312_500n, positionAfter: 0 }),
  line(40, at(4_000), "adl", { market: "ETH-PERP", side: "buy", lots: 5, priceTicks: 300_000, amount: 0n, positionAfter: -5 }),
  line(50, at(5_000), "funding", { market: "ETH-PERP", amount: 250n, positionAfter: -5 }),
  // Outside the month: never on the statement.
  line(60, window.toMs, "fill", { side: "buy", lots: 1, priceTicks: 600_000, amount: 30_000n, positionAfter: 1 }),
];
const collateral: CollateralEvent[] = [
  { type: "DepositSettled", seq: 5, nowMs: at(500), accountId: 1_000_001, assetId: "USD", amountMinor: 20_000n, credited: 200_000_000n },
  { type: "Withdrawal", seq: 45, nowMs: at(4_500), accountId: 1_000_001, assetId: "USD", amount: 50_000_000n, valueUsd: 50_000_000n },
  { type: "CollateralConverted", seq: 31, nowMs: at(3_000), accountId: 1_000_001, assetId: "BTC", amountMinor: 1_000n, valueUsd: 600_000n },
  { type: "DepositSettled", seq: 6, nowMs: at(600), accountId: 42, assetId: "USD", amountMinor: 1n, credited: 10_000n },
];
const PREPARED = window.toMs + 3_600_000;
const statement = buildMonthlyStatement({
  month: "2026-01",
  window,
  preparedAtMs: PREPARED,
  engineAccountId: 1_000_001,
  opening: new Map([["BTC-PERP", 50]]),
  activity,
  collateral,
  unitsOf: units,
  decimalsOf: (asset) => (asset === "USD" ? 2 : 8),
});

function strict(locale: AppLocale): StatementTranslate {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace: "inbox.statements",
    onError: (error) => {
      throw error;
    },
  });
  return (key, values) => t(key as Parameters<typeof t>[0], values);
}

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}
const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("monthly statement model (DISC-9)", () => {
  it("DISC-9: a statement includes funding, liquidation and ADL lines, and its totals reconcile to the month's history", () => {
    expect(statement.trades.map((t) => [t.seq, t.kind])).toEqual([
      ["10", "fill"],
      ["30", "liquidation"],
      ["40", "adl"],
    ]);
    expect(statement.funding.map((f) => f.amount)).toEqual(["-1234567", "250"]);
    const inMonth = activity.filter((row) => Number(row.nowMs) < window.toMs);
    const fees = inMonth.filter((row) => row.kind !== "funding").reduce((sum, row) => sum + (row.amount ?? 0n), 0n);
    const funding = inMonth.filter((row) => row.kind === "funding").reduce((sum, row) => sum + (row.amount ?? 0n), 0n);
    expect(statement.totals).toEqual({
      fills: 1,
      liquidations: 1,
      adlFills: 1,
      fees: fees.toString(),
      funding: funding.toString(),
      deposited: "200000000",
      withdrawn: "50000000",
      converted: "600000",
    });
    expect(statement.positions).toEqual([
      { market: "BTC-PERP", opening: 50, closing: 0 },
      { market: "ETH-PERP", opening: 0, closing: -5 },
    ]);
    expect(statement.collateral.map((c) => [c.seq, c.kind, c.decimals])).toEqual([
      ["5", "deposit_settled", 2],
      ["31", "converted", 8],
      ["45", "withdrawal", 6],
    ]);
  });

  it("DISC-9: the preparation date is present, and the stored form is recognised only as a monthly statement", () => {
    expect(statement.preparedAtMs).toBe(PREPARED);
    const facts = monthlyStatementDocument(statement, strict("en")).sections[0].blocks[0];
    expect(facts.kind === "facts" && facts.facts[0]).toEqual(["Prepared on", "2026-01-31 17:00:00 UTC"]);
    expect(monthlyStatementOf(JSON.parse(JSON.stringify(statement)))).toEqual(statement);
    expect(monthlyStatementOf({ version: 1, fills: [] })).toBeNull();
  });

  it("DISC-9: a contract note states the fill with its notional", () => {
    expect(notionalMicroUsd(100, 600_000, units("BTC-PERP"))).toBe(6_000_000_000n);
    const note = buildContractNote(1_000_001, statement.trades[0], units("BTC-PERP"), PREPARED);
    expect(note.notional).toBe("6000000000");
    const facts = contractNoteDocument(note, strict("en")).sections[0].blocks[0];
    expect(facts.kind === "facts" && Object.fromEntries(facts.facts)).toMatchObject({
      Reference: "10",
      "Notional value": "6,000.00 USD",
      Quantity: "0.100 BTC",
    });
  });

  it("DISC-9: the PDF's text in both languages holds the statement's labels and figures", async () => {
    for (const locale of ["en", "zh-HK"] as const) {
      const text = squeeze(await pdfText(await monthlyStatementPdf(statement, locale)));
      const document = monthlyStatementDocument(statement, strict(locale));
      for (const section of document.sections) {
        expect(text).toContain(squeeze(section.title));
        for (const block of section.blocks) {
          if (block.kind === "facts") for (const [label, value] of block.facts) expect(text, label).toContain(squeeze(label) + squeeze(value));
          if (block.kind === "table") for (const row of block.rows) for (const cell of row) expect(text, cell).toContain(squeeze(cell));
        }
      }
      expect(text).toContain(squeeze("−1.234567"));
      expect(text).toContain(squeeze("4.3125"));
    }
    expect(squeeze(await pdfText(await monthlyStatementPdf(statement, "zh-HK")))).toContain("2026-01月結單");
    const note = buildContractNote(1_000_001, statement.trades[1], units("BTC-PERP"), PREPARED);
    expect(squeeze(await pdfText(await contractNotePdf(note, "en")))).toContain(squeeze("Contract note 30"));
  });
});
