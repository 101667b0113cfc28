import { createTranslator } from "next-intl";
import { canonicalJson } from "@/lib/audit/chain";
import { toCsv } from "@/lib/csv";
import { formatInteger, formatPpbDecimal, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { presentedDocumentPdf } from "@/lib/incidents/report/pdf";
import { HK_OFFSET_MS } from "@/lib/services/afmm/afmm-mi-model";
import type { Block, PresentedDocument } from "@/lib/incidents/report/presentation";
import type { ColumnUnit, ReportCell, ReportResult, ReportTable } from "./types";

/**
 * A report's renderings from one result: JSON (canonical, what verification compares), one CSV per
 * table (the raw integers, through the project's one CSV writer), a PDF (the same cells formatted for
 * reading, labels from the `compliance.reports` catalogue) and, for the reports whose SFC forms are
 * spreadsheets, an XLSX workbook (render-xlsx.ts). No rendering computes a figure, so they cannot
 * disagree.
 */

export function reportJson(result: ReportResult): string {
  return canonicalJson(result);
}

export function tableFileName(result: ReportResult, table: ReportTable): string {
  return `${result.report}-${table.id}.csv`;
}

export function reportCsvFiles(result: ReportResult): Array<{ name: string; text: string }> {
  return result.tables.map((table) => ({
    name: tableFileName(result, table),
    text: toCsv(
      table.columns.map((column) => column.key),
      table.rows,
    ),
  }));
}

/** A cell as the PDF shows it: money in USD exactly, ppm as a percentage, times in UTC, counts grouped. */
export function formatCell(unit: ColumnUnit, cell: ReportCell): string {
  if (cell === null) return "—";
  switch (unit) {
    case "microUsd":
      return formatUsdMicrosExact(String(cell));
    case "ppm":
      // ppm × 1,000 is ppb; a ppb decimal × 100 is a percentage.
      return `${formatPpbDecimal((BigInt(cell) * 100_000n).toString())}%`;
    case "ppb":
      return `${formatPpbDecimal((BigInt(cell) * 100n).toString())}%`;
    case "count":
    case "lots":
    case "ticks":
      return formatInteger(cell);
    case "time":
      return typeof cell === "number" ? formatUtc(cell) : cell;
    case "text":
      return String(cell);
  }
}

/** "2026-11-01 00:00 HKT": report periods are Hong Kong calendar days. */
export function formatHongKong(ms: number): string {
  return `${new Date(ms + HK_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ")} HKT`;
}

/**
 * The `compliance.reports` catalogue for a rendering. A label missing from it fails the rendering (and
 * so the pack and its tests) instead of printing the key into a document that goes to the regulator.
 */
export function reportTranslator(locale: AppLocale) {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace: "compliance.reports",
    onError: (error) => {
      throw error;
    },
  });
  return { t, label: (key: string) => t(key as Parameters<typeof t>[0]) };
}

export function reportDocument(result: ReportResult, locale: AppLocale): PresentedDocument {
  const { t, label } = reportTranslator(locale);
  const period = t("document.period", { from: formatHongKong(result.period.fromMs), to: formatHongKong(result.period.toMs) });
  const journal = result.journal ? t("document.journal", { from: result.journal.fromSeq, to: result.journal.toSeq }) : t("document.noJournal");
  return {
    title: label(`catalogue.${result.report}.title`),
    subtitle: `${period} · ${journal}`,
    sections: result.tables.map((table) => {
      const blocks: Block[] = [
        {
          kind: "table",
          caption: label(`tables.${result.report}.${table.id}`),
          columns: table.columns.map((column) => ({ label: label(`columns.${column.key}`), numeric: column.unit !== "text" && column.unit !== "time" })),
          rows: table.rows.map((row) => row.map((cell, index) => formatCell(table.columns[index].unit, cell))),
        },
        { kind: "text", text: t("document.source", { source: table.source }) },
      ];
      return { id: table.id, title: label(`tables.${result.report}.${table.id}`), blocks };
    }),
  };
}

/** The PDF's creation date is the period's end, so the same report always gives the same bytes. */
export function reportPdf(result: ReportResult, locale: AppLocale): Promise<Buffer> {
  return presentedDocumentPdf(reportDocument(result, locale), locale, result.period.toMs);
}
