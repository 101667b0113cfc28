import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { openQuietVenue } from "../../test/quiet-market";
import { toCsv } from "@/lib/csv";
import type { Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { downloadReportPack, requestReportPack } from "@/lib/services/reports/report-packs";
import { contextFor, signedInUser } from "@/test/service-context";
import { REPORT_CATALOGUE } from "./catalogue";
import { MANIFEST_FILE, sha256Hex, type PackManifest } from "./pack";
import { runReportPacksJob } from "./pack-job";
import { dayAfter, hongKongDayStart } from "./period";
import { HEADER_ROWS, reportXlsx, xlsxDifference } from "./render-xlsx";
import type { ReportPeriod } from "./types";
import { verifyPack } from "./verify";

// RPT-1, RPT-3: the XLSX of the reports whose SFC forms are spreadsheets, through the pack job, the
// manifest and `report:verify`, against the quiet in-process market.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const WALL = new Date(Date.UTC(2026, 1, 10, 4));
const DAY = "2026-01-02";
const PERIOD: ReportPeriod = { fromMs: hongKongDayStart(DAY)!, toMs: dayAfter(hongKongDayStart(DAY)!) };
const never = new AbortController().signal;

async function submit(command: Omit<Command, "nowMs">) {
  const result = await venue.host.submit({ ...command, nowMs: 0 } as Command, "admin");
  expect(result).toMatchObject({ accepted: true });
}

let zip: Uint8Array;
let packId: string;

beforeAll(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "${database.schema}"."ReportPack"`);
  for (const accountId of [400, 401]) {
    await submit({ type: "CreateAccount", accountId, kind: "client" } as Omit<Command, "nowMs">);
    await submit({ type: "Deposit", accountId, depositId: `x-${accountId}`, assetId: "USD", amountMinor: 2_000_000_00n } as Omit<Command, "nowMs">);
    await submit({ type: "SettleDeposit", depositId: `x-${accountId}` } as Omit<Command, "nowMs">);
  }
  venue.now += 1_000;
  const order = (accountId: number, side: "buy" | "sell", price: number, size: number) =>
    ({ type: "PlaceOrder", accountId, orderId: venue.host.allocateOrderId(), market: "BTC-PERP", side, orderType: "limit", price, size, tif: "IOC" }) as Omit<
      Command,
      "nowMs"
    >;
  await submit(order(400, "buy", 600_010, 4));
  venue.now += 61_000;
  await submit(order(401, "sell", 599_990, 2));
  venue.now += 60_000;
  await venue.host.step();

  const actor = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: WALL });
  const ctx = contextFor(prisma, actor, () => WALL);
  packId = (await requestReportPack({ ctx, input: { from: DAY, to: DAY, reports: ["questionnaire", "monthly-return", "activity"] } })).id;
  for (let run = 0; run < 4; run++) {
    await runReportPacksJob({ db: prisma, now: () => WALL, signal: never });
    if ((await prisma.reportPack.findUniqueOrThrow({ where: { id: packId } })).status === "done") break;
  }
  zip = (await downloadReportPack({ ctx, input: { id: packId } })).zip;
});

describe("report packs carry XLSX for the spreadsheet forms (RPT-1, RPT-3, REC-1)", () => {
  it("RPT-1, RPT-3: the monthly return and the questionnaire come as XLSX, listed in the manifest with their SHA-256; other reports do not", () => {
    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files[MANIFEST_FILE])) as PackManifest;
    const workbooks = manifest.files.filter((file) => file.name.endsWith(".xlsx"));
    expect(workbooks.map((file) => file.name)).toEqual(["monthly-return.xlsx", "questionnaire.xlsx"]);
    for (const file of workbooks) expect(file).toEqual({ name: file.name, bytes: files[file.name].length, sha256: sha256Hex(files[file.name]) });
    expect(Object.keys(files).filter((name) => name.endsWith(".xlsx"))).toHaveLength(2);
  });

  it("RPT-1, RPT-3: every sheet's data cells are the pack's CSV cells (the CSV written from the cells read back equals the pack's CSV)", async () => {
    const files = unzipSync(zip);
    for (const report of ["monthly-return", "questionnaire"] as const) {
      const result = JSON.parse(strFromU8(files[`${report}.json`])) as { tables: Array<{ id: string; columns: Array<{ key: string }> }> };
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(files[`${report}.xlsx`].slice().buffer);
      expect(workbook.worksheets).toHaveLength(result.tables.length);
      result.tables.forEach((table, index) => {
        const sheet = workbook.worksheets[index];
        const rows = Array.from({ length: sheet.rowCount - HEADER_ROWS }, (_, r) =>
          table.columns.map((_, c) => sheet.getRow(r + HEADER_ROWS + 1).getCell(c + 1).value as string | number | null),
        );
        expect(rows.length, `${report} ${table.id}`).toBeGreaterThan(0);
        expect(
          toCsv(
            table.columns.map((column) => column.key),
            rows,
          ),
        ).toBe(strFromU8(files[`${report}-${table.id}.csv`]));
      });
    }
  });

  it("REC-1: report:verify reads every workbook back; a changed cell fails on its hash, and a workbook whose hashes were forged as well is named at the cell", async () => {
    expect(await verifyPack(prisma, zip)).toMatchObject({ kind: "verified", packId, workbooks: 2 });

    const files = unzipSync(zip);
    const parts = unzipSync(files["questionnaire.xlsx"]);
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]);
    // The first data row's client count (B3), one more.
    const changed = sheet.replace(
      /(<c r="B3"[^>]*><v>)(\d+)(<\/v>)/,
      (_m, open: string, value: string, close: string) => `${open}${Number(value) + 1}${close}`,
    );
    expect(changed).not.toBe(sheet);
    const workbook = zipSync({ ...parts, "xl/worksheets/sheet1.xml": strToU8(changed) });
    expect(await verifyPack(prisma, zipSync({ ...files, "questionnaire.xlsx": workbook }))).toMatchObject({
      kind: "tampered",
      detail: expect.stringContaining("questionnaire.xlsx: SHA-256"),
    });

    // Someone able to rewrite the manifest and the hash the database recorded as well: the cell read back
    // no longer matches the figure recomputed from the records.
    const manifestText = strFromU8(files[MANIFEST_FILE]);
    const forged = manifestText
      .replace(sha256Hex(files["questionnaire.xlsx"]), sha256Hex(workbook))
      .replace(`"bytes": ${files["questionnaire.xlsx"].length},`, `"bytes": ${workbook.length},`);
    const recorded = (await prisma.reportPack.findUniqueOrThrow({ where: { id: packId }, select: { manifestSha256: true } })).manifestSha256;
    await prisma.reportPack.update({ where: { id: packId }, data: { manifestSha256: sha256Hex(forged) } });
    try {
      const outcome = await verifyPack(prisma, zipSync({ ...files, "questionnaire.xlsx": workbook, [MANIFEST_FILE]: strToU8(forged) }));
      expect(outcome).toMatchObject({ kind: "mismatch", report: "questionnaire", path: "questionnaire.xlsx 'Clients by category'!B3" });
    } finally {
      await prisma.reportPack.update({ where: { id: packId }, data: { manifestSha256: recorded } });
    }
  });

  it("RPT-1, RPT-3: every report in the catalogue renders to a workbook that reads back equal to it", async () => {
    for (const definition of Object.values(REPORT_CATALOGUE)) {
      const result = await definition.build({ db: prisma, period: PERIOD, signal: never, progress: () => {} });
      const bytes = await reportXlsx(result, "en");
      expect(await xlsxDifference(bytes, result, "en"), definition.id).toBeNull();
    }
  });
});
