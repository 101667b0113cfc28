import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider, createTranslator } from "next-intl";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { ClientStatementView } from "@/components/incidents/client-statement";
import { IncidentReportView } from "@/components/incidents/incident-report";
import { english, messagesFor, traditionalChinese } from "@/lib/i18n/catalogue";
import { catalogueGaps } from "@/lib/i18n/catalogue-gaps";
import type { AppLocale } from "@/lib/i18n/routing";
import { computeIncidentReport } from "./compute";
import { clientStatementPdf, incidentReportPdf } from "./pdf";
import { clientStatementDocument, incidentReportDocument, type PresentedDocument, type Translate } from "./presentation";
import { incidentPseudonymKey } from "./pseudonym";
import { runScenario, S4, scenarioReportInput, scenarioStatement, V2 } from "./test-scenario";

const run = runScenario();
const report = computeIncidentReport(scenarioReportInput(run, incidentPseudonymKey("a test secret of at least 32 characters", "inc-1")));
const narrative = { cause: "A 4.2 % gap in the BTC index between two quotes.", impact: "Two accounts were deleveraged.", remediation: null };
const statement = scenarioStatement(run, S4);

/** A translator that fails on any key missing from the catalogue, instead of printing the key. */
function strict(locale: AppLocale): Translate {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace: "incidents",
    onError: (error) => {
      throw error;
    },
  });
  return (key, values) => t(key as Parameters<typeof t>[0], values);
}

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** Every label and figure of a presented document, as a reader sees it (in the PDF, a facts caption that repeats its section title is left out). */
function words(document: PresentedDocument, pdf = false): string[] {
  return [
    document.title,
    document.subtitle,
    ...document.sections.flatMap((section) => [
      section.title,
      ...section.blocks.flatMap((block) =>
        block.kind === "text"
          ? [block.text]
          : block.kind === "facts"
            ? [...(pdf && block.caption === section.title ? [] : [block.caption]), ...block.facts.flat()]
            : [block.caption, ...block.columns.map((c) => c.label), ...block.rows.flat()],
      ),
    ]),
  ];
}

/** Server-rendered HTML of a component in a language, as a page would send it. */
function html(locale: AppLocale, element: ReactElement): string {
  const props = { locale, messages: messagesFor(locale), timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}

/** PDF text extraction breaks lines inside table cells and may drop spaces at the breaks: compare without white space. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("the report and the statement in both languages (DISC-7, RPT-7)", () => {
  it("the incidents catalogue is complete in Traditional Chinese, and every label the report uses exists", () => {
    expect(catalogueGaps(english.incidents, traditionalChinese.incidents)).toEqual({ untranslated: [], unknown: [] });
    for (const locale of ["en", "zh-HK"] as const) {
      expect(() => incidentReportDocument(report, strict(locale), narrative)).not.toThrow();
      expect(() => clientStatementDocument(statement, strict(locale))).not.toThrow();
      expect(() => clientStatementDocument(scenarioStatement(run, V2), strict(locale))).not.toThrow();
    }
  });

  it("HTML: tables with the same labels and figures as the presented model", () => {
    for (const locale of ["en", "zh-HK"] as const) {
      const markup = html(locale, createElement(IncidentReportView, { report, narrative }));
      const document = incidentReportDocument(report, strict(locale), narrative);
      const text = markup
        .replace(/<[^>]+>/g, "\n")
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'");
      for (const word of words(document)) expect(text, word).toContain(word);
      expect(markup).toContain("<table");
      expect(markup).toContain('class="badge"');
    }
    const en = html("en", createElement(IncidentReportView, { report, narrative }));
    expect(en).toContain("Post-event report: BTC-PERP");
    expect(en).toContain(narrative.cause);
    expect(en).toContain("Not yet written."); // the remediation is not written yet
    expect(en).toContain("Borne beyond the minimum");
    expect(en).toContain("0.002 USD"); // beyondMinimum, exact
    expect(en).toContain("57,966.4"); // V2's bankruptcy price, 579,664 ticks of 0.1
    const zh = html("zh-HK", createElement(ClientStatementView, { statement }));
    expect(zh).toContain("您的結單：BTC-PERP 事件");
    expect(zh).toContain("自動減倉");
    expect(zh).toContain("5.74 美元"); // S4's compensation
  });

  it("PDF: the report in English and in Traditional Chinese, text extractable, the CJK font embedded as a subset", async () => {
    for (const locale of ["en", "zh-HK"] as const) {
      const pdf = await incidentReportPdf(report, narrative, locale);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      // The whole font is 5.6 MB; a subset of the glyphs used is a few tens of kB.
      expect(pdf.length).toBeLessThan(400_000);
      const raw = pdf.toString("latin1");
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHant-Regular/);
      expect(raw).toContain("/FontFile3");
      const text = squeeze(await pdfText(pdf));
      const document = incidentReportDocument(report, strict(locale), narrative);
      for (const word of words(document, true)) expect(text, word).toContain(squeeze(word));
    }
    const zh = squeeze(await pdfText(await incidentReportPdf(report, narrative, "zh-HK")));
    expect(zh).toContain("事後報告：BTC-PERP");
    expect(zh).toContain("超出最低所需的承擔");
    expect(zh).toContain("0.002美元");
    const en = squeeze(await pdfText(await incidentReportPdf(report, undefined, "en")));
    expect(en).toContain(squeeze("Post-event report: BTC-PERP"));
    expect(en).not.toContain("Summary"); // no narrative given: no summary section
  });

  it("PDF: the personal statement in both languages; the same input gives the same bytes", async () => {
    for (const locale of ["en", "zh-HK"] as const) {
      const pdf = await clientStatementPdf(statement, locale);
      const text = squeeze(await pdfText(pdf));
      for (const word of words(clientStatementDocument(statement, strict(locale)), true)) expect(text, word).toContain(squeeze(word));
    }
    expect(squeeze(await pdfText(await clientStatementPdf(statement, "zh-HK")))).toContain("您的結單：BTC-PERP事件");
    expect((await clientStatementPdf(statement, "en")).equals(await clientStatementPdf(statement, "en"))).toBe(true);
    expect((await incidentReportPdf(report, narrative, "zh-HK")).equals(await incidentReportPdf(report, narrative, "zh-HK"))).toBe(true);
  });
});
