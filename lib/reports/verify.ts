import { strFromU8 } from "fflate";
import type { PrismaClient } from "@/prisma/generated/client";
import { isReportId, REPORT_CATALOGUE } from "./catalogue";
import { MANIFEST_FILE, PACK_FORMAT, PACK_LOCALE, readPack, sha256Hex, type PackManifest } from "./pack";
import { reportJson } from "./render";
import { xlsxDifference, xlsxFileName } from "./render-xlsx";

/**
 * `npm run report:verify -- <pack.zip>`: a pack is what it claims only if (1) every file has the
 * SHA-256 its manifest lists and nothing else is in it, (2) the manifest is the one the database
 * recorded for that pack, and (3) every report recomputed from the database for the same period
 * gives the same JSON figure by figure, and the same XLSX cell by cell where the pack has one (read
 * back from the workbook, labels included). The first failure is reported with where it is.
 */

export type PackVerifyOutcome =
  | { kind: "verified"; packId: string; files: number; figures: number; workbooks: number }
  | { kind: "tampered"; detail: string }
  | { kind: "mismatch"; report: string; path: string; inPack: string; inDatabase: string }
  | { kind: "unreadable"; detail: string };

export async function verifyPack(db: PrismaClient, zip: Uint8Array): Promise<PackVerifyOutcome> {
  let files: Map<string, Uint8Array>;
  try {
    files = readPack(zip);
  } catch {
    return { kind: "unreadable", detail: "the file is not a ZIP archive" };
  }
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) return { kind: "unreadable", detail: `the archive has no ${MANIFEST_FILE}` };
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as PackManifest;
  } catch {
    return { kind: "tampered", detail: `${MANIFEST_FILE} is not valid JSON` };
  }
  if (manifest.format !== PACK_FORMAT || !Array.isArray(manifest.files) || !Array.isArray(manifest.reports)) {
    return { kind: "unreadable", detail: `${MANIFEST_FILE} is not a ${PACK_FORMAT} manifest` };
  }

  const listed = new Set(manifest.files.map((file) => file.name));
  for (const name of files.keys()) {
    if (name !== MANIFEST_FILE && !listed.has(name)) return { kind: "tampered", detail: `${name} is in the archive but not in the manifest` };
  }
  for (const file of manifest.files) {
    const bytes = files.get(file.name);
    if (!bytes) return { kind: "tampered", detail: `${file.name} is listed in the manifest but missing` };
    const actual = sha256Hex(bytes);
    if (actual !== file.sha256) return { kind: "tampered", detail: `${file.name}: SHA-256 ${actual}, manifest says ${file.sha256}` };
  }

  const stored = await db.reportPack.findUnique({ where: { id: String(manifest.packId) }, select: { manifestSha256: true } });
  if (!stored?.manifestSha256) return { kind: "tampered", detail: `no generated pack ${String(manifest.packId).slice(0, 64)} in this database` };
  const manifestSha256 = sha256Hex(manifestBytes);
  if (manifestSha256 !== stored.manifestSha256) {
    return { kind: "tampered", detail: `${MANIFEST_FILE}: SHA-256 ${manifestSha256}, the database recorded ${stored.manifestSha256}` };
  }

  let figures = 0;
  let workbooks = 0;
  for (const report of manifest.reports) {
    if (!isReportId(report)) return { kind: "unreadable", detail: `unknown report ${String(report).slice(0, 64)}` };
    const inPack = files.get(`${report}.json`);
    if (!inPack) return { kind: "tampered", detail: `${report}.json is missing` };
    const recomputed = await REPORT_CATALOGUE[report].build({
      db,
      period: manifest.period,
      signal: new AbortController().signal,
      progress: () => {},
    });
    const difference = firstDifference(JSON.parse(strFromU8(inPack)), JSON.parse(reportJson(recomputed)), "");
    if (difference) return { kind: "mismatch", report, ...difference };
    // A pack lists its workbooks in the manifest the database anchors, so one listed is checked and
    // one never made (a report without an XLSX, or a pack from before them) is not missed.
    const workbook = listed.has(xlsxFileName(report)) ? files.get(xlsxFileName(report)) : undefined;
    if (workbook) {
      const cell = await xlsxDifference(workbook, recomputed, PACK_LOCALE);
      if (cell) return { kind: "mismatch", report, ...cell };
      workbooks += 1;
    }
    figures += recomputed.tables.reduce((sum, table) => sum + table.rows.length * table.columns.length, 0);
  }
  return { kind: "verified", packId: manifest.packId, files: manifest.files.length, figures, workbooks };
}

function firstDifference(a: unknown, b: unknown, path: string): { path: string; inPack: string; inDatabase: string } | null {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
      if (found) return found;
    }
    return null;
  }
  return a === b ? null : { path: path || "/", inPack: JSON.stringify(a) ?? "absent", inDatabase: JSON.stringify(b) ?? "absent" };
}

export function describePackOutcome(outcome: PackVerifyOutcome): string {
  switch (outcome.kind) {
    case "verified":
      return `verified pack ${outcome.packId}: ${outcome.files} files match the manifest, the manifest matches the database, ${outcome.figures} figures recomputed${outcome.workbooks ? `, ${outcome.workbooks} XLSX workbooks read back cell by cell` : ""}`;
    case "tampered":
      return `TAMPERED: ${outcome.detail}`;
    case "mismatch":
      return `MISMATCH in ${outcome.report} at ${outcome.path}: pack ${outcome.inPack}, database ${outcome.inDatabase}`;
    case "unreadable":
      return `not a report pack: ${outcome.detail}`;
  }
}
