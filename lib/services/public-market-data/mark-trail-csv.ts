import { valueText } from "@/lib/format";
import { toCsv, type CsvCell } from "@/lib/csv";

/** The CSV form of the mark trail (pure; unit-tested). */

export interface MarkTrailRow {
  seq: number;
  atMs: number;
  kind: "mark" | "index";
  data: Record<string, unknown>;
}

const COLUMNS = [
  "seq",
  "atMs",
  "kind",
  "price",
  "valid",
  "held",
  "flags",
  "median",
  "bandLo",
  "bandHi",
  "includedCount",
  "chosen",
  "fallback",
  "inputIndex",
  "p1",
  "p2",
  "last",
  "bestBid",
  "bestAsk",
  "fundingRate",
  "msToFunding",
  "intervalMs",
  "basisSumHalfTicks",
  "basisCount",
  "sourceId",
  "sourcePrice",
  "sourceUsedPrice",
  "sourceAgeMs",
  "sourceWeight",
  "sourceStatus",
  "sourceReason",
] as const;

/**
 * One CSV row per mark tick, per index tick, and per source of each index tick (kind
 * "index_source", with the tick's seq), so every input is a column a spreadsheet can filter.
 */
export function markTrailCsv(records: readonly MarkTrailRow[]): string {
  const rows: CsvCell[][] = [];
  const line = (values: Partial<Record<(typeof COLUMNS)[number], unknown>>) => rows.push(COLUMNS.map((column) => cell(values[column])));
  for (const record of records) {
    const d = record.data;
    if (record.kind === "mark") {
      const inputs = (d.inputs ?? {}) as Record<string, unknown>;
      // Empty basis cells mean no basis average (P2 absent); ticks journaled before these inputs were recorded leave all five empty.
      const basis = (inputs.basisAverage ?? null) as { sumHalfTicks: number; count: number } | null;
      line({
        seq: record.seq,
        atMs: record.atMs,
        kind: "mark",
        price: d.price,
        chosen: d.chosen,
        fallback: d.fallback,
        inputIndex: inputs.index,
        p1: inputs.p1,
        p2: inputs.p2,
        last: inputs.last,
        bestBid: inputs.bestBid,
        bestAsk: inputs.bestAsk,
        fundingRate: inputs.fundingRate,
        msToFunding: inputs.msToFunding,
        intervalMs: inputs.intervalMs,
        basisSumHalfTicks: basis?.sumHalfTicks,
        basisCount: basis?.count,
      });
    } else {
      const band = (d.band ?? null) as { lo: number; hi: number } | null;
      line({
        seq: record.seq,
        atMs: record.atMs,
        kind: "index",
        price: d.price,
        valid: d.valid,
        held: d.held,
        flags: Array.isArray(d.flags) ? d.flags.join(";") : "",
        median: d.median,
        bandLo: band?.lo,
        bandHi: band?.hi,
        includedCount: d.includedCount,
      });
      for (const input of (d.inputs ?? []) as Array<Record<string, unknown>>) {
        line({
          seq: record.seq,
          atMs: record.atMs,
          kind: "index_source",
          sourceId: input.sourceId,
          sourcePrice: input.price,
          sourceUsedPrice: input.usedPrice,
          sourceAgeMs: input.ageMs,
          sourceWeight: input.weight,
          sourceStatus: input.status,
          sourceReason: input.reason,
        });
      }
    }
  }
  return toCsv(COLUMNS, rows, { lineEnding: "\n" });
}

/** The journal's figures are numbers, booleans and text; anything else is written as its text. */
function cell(value: unknown): CsvCell {
  return value === null ||
    value === undefined ||
    typeof value === "number" ||
    typeof value === "bigint" ||
    typeof value === "boolean" ||
    typeof value === "string"
    ? value
    : valueText(value);
}
