import { createHash } from "node:crypto";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { canonicalJson } from "@/lib/audit/chain";
import type { AppLocale } from "@/lib/i18n/routing";
import type { PrismaClient } from "@/prisma/generated/client";
import { REPORT_CATALOGUE } from "./catalogue";
import { reportCsvFiles, reportJson, reportPdf } from "./render";
import { reportXlsx, XLSX_REPORTS, xlsxFileName } from "./render-xlsx";
import type { ReportId, ReportPeriod, ReportResult } from "./types";

/**
 * A report pack (RPT-1, RPT-3, RPT-8, REC-5): the chosen reports for one period as files in a ZIP,
 * each report as JSON (what verification recomputes), CSV per table and PDF (and XLSX for the reports
 * whose SFC forms are spreadsheets), and `manifest.json` listing every file with its SHA-256, the
 * journal range the figures cover and where the records are kept. The manifest's own SHA-256 is stored with the pack and audited, so a pack can be checked
 * against the database long after it left the firm (`npm run report:verify -- <file.zip>`).
 */

export const MANIFEST_FILE = "manifest.json";
export const PACK_FORMAT = "report-pack/1";
/** The language of a pack's PDF and XLSX labels (verification reads the XLSX back in it). */
export const PACK_LOCALE: AppLocale = "en";

export interface RecordLocation {
  kind: "premises" | "edsp";
  reference: string;
}

export function parseRecordLocation(setting: string): RecordLocation {
  const colon = setting.indexOf(":");
  const kind = setting.slice(0, colon);
  return { kind: kind === "edsp" ? "edsp" : "premises", reference: setting.slice(colon + 1).trim() };
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  packId: string;
  period: { fromMs: number; toMs: number };
  generatedAt: string;
  /** The officer who asked (user id), or null for a scheduled monthly pack. */
  requestedBy: string | null;
  reports: ReportId[];
  journal: { fromSeq: number; toSeq: number } | null;
  recordLocation: RecordLocation;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

export interface BuiltPack {
  zip: Uint8Array;
  manifest: PackManifest;
  manifestSha256: string;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface PackRequest {
  id: string;
  period: ReportPeriod;
  reports: ReportId[];
  requestedBy: string | null;
  generatedAt: Date;
  recordLocation: RecordLocation;
}

/**
 * Builds every report, then renders and zips them. `progress(done, total)` counts work units: 1,000
 * per report for reading its sources (scaled by the report's own progress), and 100 per report for
 * rendering it. Reports are built one at a time, so memory holds one report's result and the files.
 */
export async function buildPack(
  db: PrismaClient,
  request: PackRequest,
  { signal, progress }: { signal: AbortSignal; progress: (done: number, total: number) => void },
): Promise<BuiltPack> {
  const READ = 1_000;
  const RENDER = 100;
  const total = request.reports.length * (READ + RENDER);
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  const results: ReportResult[] = [];
  let base = 0;
  const shared = new Map<string, Promise<unknown>>();
  for (const id of request.reports) {
    signal.throwIfAborted();
    const result = await REPORT_CATALOGUE[id].build({
      db,
      period: request.period,
      signal,
      shared,
      progress: (done, of) => progress(base + (of > 0 ? Math.floor((Math.min(done, of) * READ) / of) : 0), total),
    });
    base += READ;
    progress(base, total);
    signal.throwIfAborted();
    files.push({ name: `${id}.json`, bytes: strToU8(reportJson(result)) });
    for (const csv of reportCsvFiles(result)) files.push({ name: csv.name, bytes: strToU8(csv.text) });
    files.push({ name: `${id}.pdf`, bytes: new Uint8Array(await reportPdf(result, PACK_LOCALE)) });
    if (XLSX_REPORTS.has(id)) files.push({ name: xlsxFileName(id), bytes: await reportXlsx(result, PACK_LOCALE) });
    base += RENDER;
    progress(base, total);
    results.push(result);
  }
  const journals = results.flatMap((result) => (result.journal ? [result.journal] : []));
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    packId: request.id,
    period: request.period,
    generatedAt: request.generatedAt.toISOString(),
    requestedBy: request.requestedBy,
    reports: request.reports,
    journal: journals.length
      ? { fromSeq: Math.min(...journals.map((journal) => journal.fromSeq)), toSeq: Math.max(...journals.map((journal) => journal.toSeq)) }
      : null,
    recordLocation: request.recordLocation,
    files: files.map((file) => ({ name: file.name, bytes: file.bytes.length, sha256: sha256Hex(file.bytes) })),
  };
  const manifestText = JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2) + "\n";
  const mtime = request.generatedAt;
  const entries: Zippable = { [MANIFEST_FILE]: [strToU8(manifestText), { mtime }] };
  // PDF and XLSX are compressed already.
  for (const file of files) entries[file.name] = [file.bytes, { mtime, level: /\.(pdf|xlsx)$/.test(file.name) ? 0 : 6 }];
  return { zip: zipSync(entries), manifest, manifestSha256: sha256Hex(manifestText) };
}

/** A pack's files by name; throws on a file that is not a ZIP. */
export function readPack(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)));
}
