import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { presentedDocumentPdf } from "@/lib/incidents/report/pdf";
import type { AfmmMiData } from "./afmm-mi-model";
import { afmmMiDocument, bpsText, hongKongTime, ppmPercent } from "./afmm-mi-presentation";
import { afmmMiCsv } from "./export-afmm-mi-report";

const H = Date.UTC(2026, 0, 2);
const DATA: AfmmMiData = {
  version: 1,
  month: "2026-01",
  fromMs: Date.UTC(2025, 11, 31, 16),
  toMs: Date.UTC(2026, 0, 31, 16),
  coveredToMs: Date.UTC(2026, 0, 31, 15, 59, 59),
  fromSeq: 10,
  toSeq: 99,
  journalEvents: 90,
  totals: { trades: 4, lots: 12, afmmTrades: 2, afmmLots: 6, afmmShareOfLotsPpm: 500_000 },
  markets: [
    {
      market: "BTC-PERP",
      trades: 3,
      lots: 8,
      notionalMicroUsd: "480000000",
      afmmTrades: 2,
      afmmLots: 6,
      afmmNotionalMicroUsd: "360000000",
      afmmShareOfLotsPpm: 750_000,
      afmmMakerTrades: 1,
      afmmTakerTrades: 1,
      afmmMakerLots: 5,
      afmmTakerLots: 1,
      obligation: { maxSpreadBps: 10, minSizeLots: 100, minTimeOnBookPct: 90 },
      quoting: { observedMs: 7_200_000, bothSidesMs: 7_200_000, compliantMs: 3_600_000, timeOnBookPpm: 500_000, spreadBpsX100: 33, hours: 2, hoursMet: 1 },
    },
  ],
  hours: [
    { market: "BTC-PERP", hourStartMs: H, observedMs: 3_600_000, bothSidesMs: 3_600_000, compliantMs: 3_600_000, spreadBpsX100: 33, met: true, complete: true },
    {
      market: "BTC-PERP",
      hourStartMs: H + 3_600_000,
      observedMs: 3_600_000,
      bothSidesMs: 3_600_000,
      compliantMs: 0,
      spreadBpsX100: 1_250,
      met: false,
      complete: true,
    },
  ],
  alerts: [{ rule: "off_mark_fill", outcome: "NO_ISSUE", count: 1 }],
  reviews: [{ kind: "sample", total: 2, onTime: 0, late: 1, openOverdue: 1, openNotDue: 0 }],
};
const REPORT = { month: "2026-01", sha256: "ab".repeat(32), generatedAt: new Date(Date.UTC(2026, 1, 1, 2)), data: DATA };

const document = (locale: AppLocale) => {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "afmm.afmmMi.report" });
  return afmmMiDocument(REPORT, (key, values) => t(key as Parameters<typeof t>[0], values));
};

describe("AFMM-10, RPT-8: the monthly AFMM MI as tables, CSV and PDF", () => {
  it("AFMM-10: figures are formatted exactly (shares, spreads, Hong Kong time)", () => {
    expect(ppmPercent(750_000)).toBe("75.00%");
    expect(ppmPercent(333_333)).toBe("33.33%");
    expect(bpsText(33)).toBe("0.33");
    expect(bpsText(1_250)).toBe("12.50");
    expect(hongKongTime(Date.UTC(2025, 11, 31, 16))).toBe("2026-01-01 00:00");
  });

  it("AFMM-10, RPT-8: every label exists in English and Traditional Chinese, with the same figures", () => {
    const en = document("en");
    const zh = document("zh-HK");
    const text = (doc: typeof en) => JSON.stringify(doc);
    expect(text(en)).not.toMatch(/afmm\.afmmMi|\{\w+\}/);
    expect(text(zh)).not.toMatch(/afmm\.afmmMi|\{\w+\}/);
    expect(en.sections.map((section) => section.id)).toEqual(["summary", "markets", "quoting", "hours-missed", "alerts", "reviews"]);
    const markets = en.sections[1].blocks[0];
    expect(markets.kind === "table" && markets.rows[0]).toEqual(["BTC-PERP", "3", "8", "480.00", "2", "6", "360.00", "75.00%", "1", "1"]);
    const quoting = zh.sections[2].blocks[0];
    expect(quoting.kind === "table" && quoting.rows[0]).toEqual([
      "BTC-PERP",
      "≤ 10 基點，≥ 100 手，每小時 ≥ 90%",
      "100.00%",
      "50.00%",
      "0.33",
      "2 小時中 1 小時",
    ]);
    const missed = en.sections[3].blocks[0];
    expect(missed.kind === "table" && missed.rows).toEqual([["BTC-PERP", "2026-01-02 09:00", "100.00%", "0.00%", "12.50"]]);
    expect(text(zh)).toContain("偏離標記價的成交");
  });

  it("RPT-8: the PDF renders in both languages, the same bytes each time", async () => {
    for (const locale of ["en", "zh-HK"] as const) {
      const first = await presentedDocumentPdf(document(locale), locale, REPORT.generatedAt.getTime());
      const again = await presentedDocumentPdf(document(locale), locale, REPORT.generatedAt.getTime());
      expect(first.subarray(0, 5).toString()).toBe("%PDF-");
      expect(first.equals(again)).toBe(true);
    }
  });

  it("RPT-8: the CSV carries every figure, hour by hour", () => {
    const lines = afmmMiCsv(REPORT).trim().split("\r\n");
    expect(lines[0]).toBe("section,market,period,metric,value");
    expect(lines).toContain("market,BTC-PERP,2026-01,afmmShareOfLotsPpm,750000");
    expect(lines).toContain("quoting,BTC-PERP,2026-01,timeOnBookPpm,500000");
    expect(lines).toContain(`hour,BTC-PERP,${new Date(H + 3_600_000).toISOString()},met,false`);
    expect(lines).toContain("alerts,,2026-01,off_mark_fill:NO_ISSUE,1");
    expect(lines).toContain("reviews:sample,,2026-01,openOverdue,1");
    expect(lines).toContain(`report,,2026-01,sha256,${"ab".repeat(32)}`);
  });
});
