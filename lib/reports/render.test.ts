import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { formatCell, formatHongKong, reportCsvFiles, reportJson, reportPdf } from "./render";
import type { ReportResult } from "./types";

const result: ReportResult = {
  report: "activity",
  period: { fromMs: Date.UTC(2026, 0, 1, 16), toMs: Date.UTC(2026, 0, 2, 16) },
  journal: { fromSeq: 10, toSeq: 99 },
  tables: [
    {
      id: "by-market",
      columns: [
        { key: "market", unit: "text" },
        { key: "trades", unit: "count" },
        { key: "volumeNotionalMicroUsd", unit: "microUsd" },
        { key: "afmmShareOfLotsPpm", unit: "ppm" },
      ],
      rows: [
        ['=HYPERLINK("x")', 1234, "-12500", "125000"],
        ["ALL", 0, "1000000000123", "0"],
      ],
      source: "MarketMinute rows",
    },
  ],
};

describe("report renderings (RPT-1, REC-1)", () => {
  it("formats each unit exactly: micro-USD to the last micro-dollar, ppm as a percentage, counts grouped, nulls as a dash", () => {
    expect(formatCell("microUsd", "1000000000123")).toBe("1,000,000.000123");
    expect(formatCell("microUsd", "-12500")).toBe("−0.0125");
    expect(formatCell("ppm", "125000")).toBe("12.5%");
    expect(formatCell("ppm", "1")).toBe("0.0001%");
    expect(formatCell("count", 1234)).toBe("1,234");
    expect(formatCell("text", null)).toBe("—");
    expect(formatHongKong(Date.UTC(2026, 0, 1, 16))).toBe("2026-01-02 00:00 HKT");
  });

  it("CSV keeps the raw integers and guards a text cell a spreadsheet would run as a formula; JSON is canonical", () => {
    const [file] = reportCsvFiles(result);
    expect(file.name).toBe("activity-by-market.csv");
    expect(file.text.split("\r\n")[0]).toBe("market,trades,volumeNotionalMicroUsd,afmmShareOfLotsPpm");
    expect(file.text).toContain(`"'=HYPERLINK(""x"")",1234,-12500,125000`);
    expect(reportJson(result)).toBe(reportJson(JSON.parse(reportJson(result)) as ReportResult));
  });

  it("the PDF shows the catalogue's labels and every cell formatted, and the same result gives the same bytes", async () => {
    const pdf = await reportPdf(result, "en");
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    expect(text).toContain("Perps activity");
    expect(text).toContain("Period 2026-01-02 00:00 HKT to 2026-01-03 00:00 HKT");
    for (const shown of ["1,234", "−0.0125", "12.5%", "1,000,000.000123", "Volume (USD)"]) expect(text).toContain(shown);
    expect(Buffer.compare(pdf, await reportPdf(result, "en"))).toBe(0);
  });
});
