import ExcelJS from "exceljs";
import { unzipSync, zipSync, type Zippable } from "fflate";
import type { AppLocale } from "@/lib/i18n/routing";
import { HK_OFFSET_MS } from "@/lib/services/afmm/afmm-mi-model";
import { reportTranslator } from "./render";
import type { ColumnUnit, ReportCell, ReportId, ReportResult } from "./types";

/**
 * The XLSX rendering (RPT-1, RPT-3): one worksheet per report table, for the reports whose SFC forms
 * are spreadsheets, so an officer can copy the figures into the form. Each sheet has the column labels
 * of the PDF (row 1), the unit of each column (row 2) and then the table's rows, cell for cell what
 * the CSV carries:
 *
 * - A figure is a number cell when it is an integer of at most 15 digits, which a spreadsheet holds
 *   and shows exactly (format "0", never rounded or in scientific notation). A longer integer (a
 *   bigint past 10^15, say a large micro-USD amount) stays a text cell with the same decimal digits,
 *   so no reader ever sees a float's rounding of it. Money stays in micro-USD, as in the CSV.
 * - Text is always a plain string cell, never a formula: a text starting with "=" shows as that text.
 * - An empty cell is what the CSV's empty field is (a null figure, or empty text).
 *
 * The workbook's dates are the period's end and exceljs's ZIP (which stamps every part with the
 * wall clock) is re-packed with the period's end as the parts' time, so the same report gives the
 * same bytes. Verification does not rely on that: it reads every cell back (xlsxDifference).
 */

/** The reports whose SFC forms are spreadsheets: the monthly financial return's schedules and the questionnaire's data. */
export const XLSX_REPORTS: ReadonlySet<ReportId> = new Set<ReportId>(["monthly-return", "questionnaire"]);

export function xlsxFileName(report: ReportId): string {
  return `${report}.xlsx`;
}

export type SheetValue = string | number | null;

export interface ReportSheet {
  name: string;
  /** Row 1 the column labels, row 2 the units (empty for text), then the table's rows. */
  rows: SheetValue[][];
}

export const HEADER_ROWS = 2;

/** A spreadsheet keeps 15 significant digits: an integer this long is exactly the number the CSV shows. */
const EXACT_INTEGER = /^-?(0|[1-9]\d{0,14})$/;

/** A report cell as the workbook holds it; its text is the CSV's text for the same cell. */
export function sheetValue(unit: ColumnUnit, cell: ReportCell): SheetValue {
  if (cell === null || cell === "") return null;
  const text = String(cell);
  return unit !== "text" && EXACT_INTEGER.test(text) ? Number(text) : text;
}

export function reportSheets(result: ReportResult, locale: AppLocale): ReportSheet[] {
  const { label } = reportTranslator(locale);
  const names = sheetNames(result.tables.map((table) => label(`tables.${result.report}.${table.id}`)));
  return result.tables.map((table, index) => ({
    name: names[index],
    rows: [
      table.columns.map((column) => label(`columns.${column.key}`)),
      table.columns.map((column) => (column.unit === "text" ? null : label(`units.${column.unit}`))),
      ...table.rows.map((row) => row.map((cell, column) => sheetValue(table.columns[column].unit, cell))),
    ],
  }));
}

const SHEET_NAME_MAX = 31;

/**
 * Worksheet names from table labels: at most 31 characters (cut at a word where one is near), none of
 * []:*?/\, no apostrophe at either end, unique regardless of case, and never Excel's reserved "History".
 */
export function sheetNames(labels: readonly string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    const base = shorten(label.replace(/[[\]:*?/\\]/g, " "), SHEET_NAME_MAX) || "Sheet";
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === "history"; n++) {
      const suffix = ` (${n})`;
      name = `${shorten(base, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

export async function reportXlsx(result: ReportResult, locale: AppLocale): Promise<Uint8Array> {
  const { label } = reportTranslator(locale);
  const workbook = new ExcelJS.Workbook();
  const at = new Date(result.period.toMs);
  workbook.creator = CREATOR;
  workbook.lastModifiedBy = CREATOR;
  workbook.created = at;
  workbook.modified = at;
  workbook.title = label(`catalogue.${result.report}.title`);
  for (const sheet of reportSheets(result, locale)) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: HEADER_ROWS }] });
    sheet.rows.forEach((values, index) => {
      const row = worksheet.addRow(values.map((value) => (typeof value === "string" ? escapeText(value) : value)));
      if (index < HEADER_ROWS) row.font = { bold: true };
      else for (const [column, value] of values.entries()) if (typeof value === "number") row.getCell(column + 1).numFmt = "0";
    });
    const columns = Math.max(0, ...sheet.rows.map((row) => row.length));
    for (let column = 0; column < columns; column++) {
      const longest = Math.max(...sheet.rows.map((row) => String(row[column] ?? "").length));
      worksheet.getColumn(column + 1).width = Math.min(50, Math.max(10, longest + 2));
    }
  }
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  return repack(written, zipTime(result.period.toMs));
}

/**
 * Reads a workbook back and compares it with the result's sheets: sheet names in order, then every
 * cell of both, labels and units included. Returns the first difference, or null when they agree.
 */
export async function xlsxDifference(
  bytes: Uint8Array,
  result: ReportResult,
  locale: AppLocale,
): Promise<{ path: string; inPack: string; inDatabase: string } | null> {
  const file = xlsxFileName(result.report);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    return { path: file, inPack: "not a readable workbook", inDatabase: "a workbook" };
  }
  const expected = reportSheets(result, locale);
  const actual = workbook.worksheets;
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    const want = expected[index];
    const got = actual[index];
    if (!want || !got || want.name !== got.name) {
      return { path: `${file} sheet ${index + 1}`, inPack: got ? JSON.stringify(got.name) : "absent", inDatabase: want ? JSON.stringify(want.name) : "absent" };
    }
    const at = (r: number, c: number) => `${file} '${got.name}'!${columnLetters(c)}${r + 1}`;
    const columns = Math.max(...want.rows.map((row) => row.length));
    for (let r = 0; r < want.rows.length; r++) {
      for (let c = 0; c < columns; c++) {
        const inDatabase = JSON.stringify(want.rows[r][c] ?? null);
        const inPack = describeCell(got.getRow(r + 1).getCell(c + 1).value);
        if (inPack !== inDatabase) return { path: at(r, c), inPack, inDatabase };
      }
    }
    // Anything written outside the report's cells; only the cells there are visited, however far out.
    let extra: { path: string; inPack: string; inDatabase: string } | null = null;
    got.eachRow((row, rowNumber) =>
      row.eachCell((cell, columnNumber) => {
        const inPack = describeCell(cell.value);
        if (!extra && inPack !== "null" && (rowNumber > want.rows.length || columnNumber > columns)) {
          extra = { path: at(rowNumber - 1, columnNumber - 1), inPack, inDatabase: "null" };
        }
      }),
    );
    if (extra) return extra;
  }
  return null;
}

const CREATOR = "perps-portal";

function shorten(text: string, max: number): string {
  const clean = (value: string) =>
    value
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^'+|'+$/g, "")
      .trim();
  let out = clean(text);
  if (out.length <= max) return out;
  const space = out.slice(0, max + 1).lastIndexOf(" ");
  out = out.slice(0, space >= max / 2 ? space : max);
  // Never leave half of a surrogate pair at the cut.
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  // "Perps margin balances at the period end" reads better cut to "Perps margin balances" than "… at the".
  if (space >= max / 2) out = out.replace(/(\s+(a|an|and|at|by|for|in|of|on|or|the|to|with))+$/i, "");
  return clean(out);
}

/**
 * OOXML reads "_xHHHH_" in a string as an escaped character, so a text holding one literally gets its
 * underscore escaped (_x005F_), and a control character XML cannot carry (exceljs would drop it) is
 * written escaped, so the text reads back as it was.
 */
function escapeText(text: string): string {
  return text
    .replace(/_x[0-9A-Fa-f]{4}_/g, "_x005F$&")
    .replace(XML_UNSAFE, (character) => `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** The characters XML 1.0 cannot hold (tab, line feed and carriage return it can). */
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A cell read back, described as JSON.stringify describes the expected value, so equal cells compare equal. */
function describeCell(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "boolean") return `boolean ${value}`;
  if (value instanceof Date) return `date ${value.toISOString()}`;
  // Text a spreadsheet re-saved as formatted runs is still the same text.
  if ("richText" in value) return JSON.stringify(value.richText.map((run) => run.text).join(""));
  if ("sharedFormula" in value) return `formula =${value.sharedFormula}`;
  if ("formula" in value) return `formula =${value.formula}`;
  if ("hyperlink" in value) return `link ${JSON.stringify(value.text)} to ${JSON.stringify(value.hyperlink)}`;
  return `error ${value.error}`;
}

function columnLetters(index: number): string {
  let out = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** The parts of exceljs's ZIP again, in the same order, each stamped with `mtime` instead of the wall clock; directory entries dropped. */
function repack(xlsx: Uint8Array, mtime: Date): Uint8Array {
  const entries: Zippable = {};
  for (const [name, bytes] of Object.entries(unzipSync(xlsx))) if (!name.endsWith("/")) entries[name] = [bytes, { mtime, level: 6 }];
  return zipSync(entries);
}

/**
 * The period's end as Hong Kong time, for the ZIP's part times. A ZIP time has no zone and fflate
 * writes a Date's local fields, so the Date is built from the Hong Kong fields to give the same bytes
 * whatever the server's zone; ZIP times start in 1980.
 */
function zipTime(toMs: number): Date {
  const hk = new Date(Math.max(toMs, Date.UTC(1980, 0, 1)) + HK_OFFSET_MS);
  return new Date(hk.getUTCFullYear(), hk.getUTCMonth(), hk.getUTCDate(), hk.getUTCHours(), hk.getUTCMinutes(), hk.getUTCSeconds());
}
