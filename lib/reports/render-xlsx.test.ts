import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv";
import { reportCsvFiles } from "./render";
import { HEADER_ROWS, reportXlsx, sheetNames, sheetValue, xlsxDifference } from "./render-xlsx";
import type { ReportResult } from "./types";

const result: ReportResult = {
  report: "questionnaire",
  period: { fromMs: Date.UTC(2026, 0, 31, 16), toMs: Date.UTC(2026, 1, 28, 16) },
  journal: { fromSeq: 10, toSeq: 99 },
  tables: [
    {
      id: "perps-volume",
      columns: [
        { key: "market", unit: "text" },
        { key: "trades", unit: "count" },
        { key: "volumeLots", unit: "lots" },
        { key: "volumeNotionalMicroUsd", unit: "microUsd" },
        { key: "afmmVolumeLots", unit: "lots" },
        { key: "afmmShareOfLotsPpm", unit: "ppm" },
      ],
      rows: [
        ['=HYPERLINK("http://x")', 1234, "999999999999999", "-12500", "0", "125000"],
        ["+SUM(A1:A9)", 0, "7", "1000000000000123", "-1000000000000123", null],
        ["@cmd _x0041_ tab\tcontrol\u0001", 5, "", "007", "12", "1"],
        ["ALL", 1239, "1000000000000006", "-999999999999999", "12", "3"],
      ],
      source: "MarketMinute rows",
    },
    { id: "complaints", columns: [{ key: "complaintsReceived", unit: "count" }], rows: [[null]], source: "none" },
  ],
};

/** Every cell of every sheet, as exceljs reads it back. */
async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    rows: Array.from({ length: sheet.rowCount }, (_, r) => Array.from({ length: sheet.columnCount }, (_, c) => sheet.getRow(r + 1).getCell(c + 1).value)),
  }));
}

/** The workbook with one part's XML edited, as someone changing a cell by hand would leave it. */
function edited(bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(bytes);
  const before = strFromU8(parts[part]);
  const after = edit(before);
  expect(after).not.toBe(before);
  return zipSync({ ...parts, [part]: strToU8(after) });
}

describe("report XLSX (RPT-1, RPT-3, REC-1)", () => {
  it("RPT-1: every data cell of the workbook is the CSV's cell: the CSV written from the cells read back equals the pack's CSV byte for byte", async () => {
    const sheets = await readBack(await reportXlsx(result, "en"));
    const csv = reportCsvFiles(result);
    expect(sheets).toHaveLength(result.tables.length);
    result.tables.forEach((table, index) => {
      const cells = sheets[index].rows.slice(HEADER_ROWS).map((row) => row.slice(0, table.columns.length) as Array<string | number | null>);
      expect(
        toCsv(
          table.columns.map((column) => column.key),
          cells,
        ),
      ).toBe(csv[index].text);
    });
  });

  it("RPT-1: integers of up to 15 digits are number cells shown whole; longer ones stay text with the same digits; no float is introduced", async () => {
    expect(sheetValue("microUsd", "-12500")).toBe(-12500);
    expect(sheetValue("lots", "999999999999999")).toBe(999_999_999_999_999);
    expect(sheetValue("microUsd", "1000000000000123")).toBe("1000000000000123");
    expect(sheetValue("count", 1234)).toBe(1234);
    expect(sheetValue("lots", "007")).toBe("007");
    expect(sheetValue("text", "42")).toBe("42");
    expect(sheetValue("ppm", null)).toBeNull();
    expect(sheetValue("text", "")).toBeNull();
    const bytes = await reportXlsx(result, "en");
    const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain("<v>999999999999999</v>");
    expect(sheet).not.toMatch(/<v>[^<]*[.eE][^<]*<\/v>/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    expect(workbook.worksheets[0].getCell("B3").numFmt).toBe("0");
    expect(workbook.worksheets[0].getCell("D4").value).toBe("1000000000000123");
  });

  it("REC-1: text that looks like a formula stays text: no sheet holds a formula, and =, +, @ cells read back as the strings they were", async () => {
    const bytes = await reportXlsx(result, "en");
    const parts = unzipSync(bytes);
    for (const [name, part] of Object.entries(parts)) if (name.startsWith("xl/worksheets/")) expect(strFromU8(part)).not.toContain("<f");
    const [sheet] = await readBack(bytes);
    expect(sheet.rows[2][0]).toBe('=HYPERLINK("http://x")');
    expect(sheet.rows[3][0]).toBe("+SUM(A1:A9)");
    // An OOXML escape sequence and a control character survive as written.
    expect(sheet.rows[4][0]).toBe("@cmd _x0041_ tab\tcontrol\u0001");
  });

  it("RPT-1: each sheet has the PDF's labels and the column units, named from the table's label", async () => {
    const [sheet, complaints] = await readBack(await reportXlsx(result, "en"));
    expect(sheet.name).toBe("Perps volume and the affiliated");
    expect(sheet.rows[0]).toEqual(["Market", "Trades", "Volume (lots)", "Volume (USD)", "AFMM volume (lots)", "AFMM share of lots"]);
    expect(sheet.rows[1]).toEqual([null, "number", "lots", "micro-US dollars (USD × 1,000,000)", "lots", "parts per million"]);
    expect(complaints.name).toBe("Complaints");
    expect((await readBack(await reportXlsx(result, "zh-HK")))[0].rows[1][3]).toBe("微美元（美元 × 1,000,000）");
  });

  it("sheet names are at most 31 characters, free of []:*?/\\, not quoted at either end, unique regardless of case, never History", () => {
    const names = sheetNames([
      "Client assets by collateral type at the period end",
      "Perps margin balances at the period end",
      "a/b: c*d?[e]\\f",
      "'quoted'",
      "Complaints",
      "COMPLAINTS",
      "complaints",
      "History",
      "",
      "x".repeat(40),
      "x".repeat(40),
    ]);
    expect(names).toEqual([
      "Client assets by collateral",
      "Perps margin balances",
      "a b c d e f",
      "quoted",
      "Complaints",
      "COMPLAINTS (2)",
      "complaints (3)",
      "History (2)",
      "Sheet",
      "x".repeat(31),
      `${"x".repeat(27)} (2)`,
    ]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it("REC-1: the same report gives the same bytes, dated the period's end; the workbook read back agrees with the report", async () => {
    const bytes = await reportXlsx(result, "en");
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // ZIP times count in 2-second steps
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(await reportXlsx(result, "en")))).toBe(0);
    expect(strFromU8(unzipSync(bytes)["docProps/core.xml"])).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-02-28T16:00:00Z</dcterms:created>');
    expect(await xlsxDifference(bytes, result, "en")).toBeNull();
  });

  it("REC-1: a changed cell, a cell turned into a formula, a renamed sheet or an added cell is found and named", async () => {
    const bytes = await reportXlsx(result, "en");
    const sheet1 = "xl/worksheets/sheet1.xml";
    expect(
      await xlsxDifference(
        edited(bytes, sheet1, (xml) => xml.replace("<v>1234</v>", "<v>1235</v>")),
        result,
        "en",
      ),
    ).toEqual({
      path: "questionnaire.xlsx 'Perps volume and the affiliated'!B3",
      inPack: "1235",
      inDatabase: "1234",
    });
    expect(
      await xlsxDifference(
        edited(bytes, sheet1, (xml) => xml.replace(/<c r="E3"([^>]*)><v>0<\/v><\/c>/, '<c r="E3"$1><f>1-1</f><v>0</v></c>')),
        result,
        "en",
      ),
    ).toMatchObject({ path: "questionnaire.xlsx 'Perps volume and the affiliated'!E3", inPack: "formula =1-1", inDatabase: "0" });
    expect(
      await xlsxDifference(
        edited(bytes, "xl/workbook.xml", (xml) => xml.replace('name="Complaints"', 'name="Other"')),
        result,
        "en",
      ),
    ).toMatchObject({
      path: "questionnaire.xlsx sheet 2",
    });
    const extra = edited(bytes, "xl/worksheets/sheet2.xml", (xml) => xml.replace("</sheetData>", '<row r="9"><c r="C9"><v>1</v></c></row></sheetData>'));
    expect(await xlsxDifference(extra, result, "en")).toMatchObject({ path: "questionnaire.xlsx 'Complaints'!C9", inPack: "1", inDatabase: "null" });
    expect(await xlsxDifference(strToU8("not a workbook"), result, "en")).toMatchObject({ inPack: "not a readable workbook" });
  });
});
