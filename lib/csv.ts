import { stringify } from "csv-stringify/sync";

/**
 * The one CSV writer: RFC 4180 quoting by csv-stringify, and every text cell guarded against
 * spreadsheet formula injection. A cell a spreadsheet would run as a formula (it starts with = + - @,
 * or with a tab, carriage return or line feed, after which some spreadsheets still read a formula)
 * gets a leading apostrophe, which spreadsheets show as text and do not run. Plain decimal numbers
 * are left as they are, whether they come as numbers or as text (bigints travel as decimal strings,
 * so "-12500" is a negative number, not a formula): a spreadsheet reads them as the number they are.
 */

export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

/** A decimal number as text: what stays unguarded even though it may start with "-". */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r\n]/;

/** The text of one cell as the CSV carries it (before quoting). */
export function csvCellText(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  return FORMULA_START.test(value) && !PLAIN_DECIMAL.test(value) ? `'${value}` : value;
}

/**
 * A header row, then one row per record. `lineEnding`: "\r\n" (RFC 4180, the default) or "\n".
 * Cells holding a comma, a double quote, a carriage return or a line feed are quoted, with quotes
 * doubled, so a cell never spills into the next one or the next row.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, { lineEnding = "\r\n" }: { lineEnding?: "\r\n" | "\n" } = {}): string {
  const records = [header.map(csvCellText)];
  for (const row of rows) records.push(row.map(csvCellText));
  return stringify(records, { record_delimiter: lineEnding === "\n" ? "unix" : "windows", quoted_match: /[\r\n]/ });
}
