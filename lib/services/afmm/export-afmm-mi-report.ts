import "server-only";
import { createTranslator } from "next-intl";
import { toCsv, type CsvCell } from "@/lib/csv";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { presentedDocumentPdf } from "@/lib/incidents/report/pdf";
import { authorize, type ServiceContext } from "@/lib/services/context";
import type { AfmmMiData } from "./afmm-mi-model";
import { afmmMiDocument } from "./afmm-mi-presentation";
import { getAfmmMiReport } from "./get-afmm-mi-report";

/**
 * AFMM-10, RPT-8: a stored monthly AFMM MI report as a file: CSV (every figure, hour by hour, in one
 * long table: section, market, period, metric, value) or PDF in English or Traditional Chinese (the
 * same presented model the page draws). Staff who may read the AFMM oversight pages.
 */
export async function exportAfmmMiReport({ ctx, input }: { ctx: ServiceContext; input: { id: string; format: "csv" | "pdf"; locale: AppLocale } }) {
  authorize(ctx, "afmm.oversight.view");
  const report = await getAfmmMiReport({ ctx, input: { id: input.id } });
  const base = `afmm-mi-${report.month}-${report.sha256.slice(0, 12)}`;
  if (input.format === "csv") return { body: afmmMiCsv(report), contentType: "text/csv; charset=utf-8", filename: `${base}.csv` };
  const t = createTranslator({ locale: input.locale, messages: messagesFor(input.locale), namespace: "afmm.afmmMi.report" });
  const document = afmmMiDocument(report, (key, values) => t(key as Parameters<typeof t>[0], values));
  const pdf = await presentedDocumentPdf(document, input.locale, report.generatedAt.getTime());
  return { body: new Uint8Array(pdf), contentType: "application/pdf", filename: `${base}-${input.locale}.pdf` };
}

const HEADER = ["section", "market", "period", "metric", "value"] as const;

export function afmmMiCsv(report: { month: string; sha256: string; data: AfmmMiData }): string {
  const { data } = report;
  const rows: CsvCell[][] = [];
  const put = (section: string, market: string, period: string, values: Record<string, CsvCell>) => {
    for (const [metric, value] of Object.entries(values)) rows.push([section, market, period, metric, value]);
  };
  put("report", "", report.month, {
    sha256: report.sha256,
    fromMs: data.fromMs,
    toMs: data.toMs,
    coveredToMs: data.coveredToMs,
    fromSeq: data.fromSeq,
    toSeq: data.toSeq,
    journalEvents: data.journalEvents,
  });
  put("totals", "", report.month, data.totals);
  for (const m of data.markets) {
    const { market, obligation, quoting, ...volume } = m;
    put("market", market, report.month, volume);
    if (obligation) put("obligation", market, report.month, obligation);
    if (quoting) put("quoting", market, report.month, quoting);
  }
  for (const hour of data.hours) {
    const { market, hourStartMs, ...figures } = hour;
    put("hour", market, new Date(hourStartMs).toISOString(), figures);
  }
  for (const alert of data.alerts) put("alerts", "", report.month, { [`${alert.rule}:${alert.outcome}`]: alert.count });
  for (const review of data.reviews) {
    const { kind, ...counts } = review;
    put(`reviews:${kind}`, "", report.month, counts);
  }
  return toCsv(HEADER, rows);
}
