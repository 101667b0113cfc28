import type { PrismaClient } from "@/prisma/generated/client";

/**
 * The compliance reporting model (RPT-1, RPT-3, RPT-7, RPT-8): a report is a few tables of plain
 * cells computed from the records for a period, each table naming the rows it was computed from, so
 * every figure can be traced to its source. The same result renders as JSON, CSV and PDF
 * (lib/reports/render.ts), and `npm run report:verify` recomputes it to check a pack.
 *
 * Cells are strings or integers only: money and prices stay fixed-point integers in the engine's
 * units (micro-USD, ticks, lots, ppm), bigints as decimal strings, never floats.
 */

/** A reporting period [fromMs, toMs), epoch milliseconds. */
export interface ReportPeriod {
  fromMs: number;
  toMs: number;
}

export type ReportCell = string | number | null;

/** The unit of a column, so the PDF can format it and a reader of the CSV knows what the integers mean. */
export type ColumnUnit = "text" | "count" | "lots" | "microUsd" | "ticks" | "ppm" | "ppb" | "time";

export interface ReportColumn {
  /** Stable machine name: the CSV header and the JSON key. */
  key: string;
  unit: ColumnUnit;
}

export interface ReportTable {
  /** Stable machine name, unique within its report: the CSV file is `<report>-<table>.csv`. */
  id: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Where the rows come from, for a reader tracing a figure: tables and the filter used. */
  source: string;
}

export interface ReportResult {
  report: ReportId;
  period: ReportPeriod;
  tables: ReportTable[];
  /** The engine journal range the figures cover (event seq, inclusive), when the report reads it. */
  journal: { fromSeq: number; toSeq: number } | null;
}

export type ReportProgress = (done: number, total: number) => void;

export interface ReportBuildContext {
  db: PrismaClient;
  period: ReportPeriod;
  /** Aborted when the pack is cancelled or the server stops: stop between batches and throw signal.reason. */
  signal: AbortSignal;
  /** Called as batches are read, with rows done and an estimate of the total. */
  progress: ReportProgress;
  /**
   * Work the reports of one pack share, keyed by what it is (one pass over a period's market rollups
   * serves the four reports that read them). Absent when a report is built on its own.
   */
  shared?: Map<string, Promise<unknown>>;
}

export const REPORT_IDS = [
  "activity",
  "liquidations",
  "insurance-fund",
  "suitability",
  "parameter-changes",
  "incidents",
  "afmm-mi",
  "monthly-return",
  "questionnaire",
  "complaints",
] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export interface ReportDefinition {
  id: ReportId;
  build(context: ReportBuildContext): Promise<ReportResult>;
}
