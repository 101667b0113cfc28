import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createTranslator } from "next-intl";
import PDFDocument from "pdfkit";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { clientStatementDocument, incidentReportDocument, type Block, type PresentedDocument, type Translate } from "./presentation";
import type { ClientStatement } from "./statement-types";
import type { IncidentNarrative, IncidentReport } from "./types";

/**
 * The report and the statement as PDF (pdfkit), drawn from the same presented model as the HTML
 * (presentation.ts), labels from the `incidents` catalogue. One font for both languages: Noto Sans
 * Hant covers Latin, the figures' signs (−, →) and Traditional Chinese, and pdfkit embeds only the
 * glyphs used (a subset). The document's creation date is the incident's last engine time, so the
 * same report always gives the same bytes.
 */

const FONT_FILE = "NotoSansHant-Regular.otf";
let fontBytes: Buffer | undefined;

/**
 * The font file in @embedpdf/fonts-tc, resolved at run time from the project (not through the
 * bundler) and read once: a report pack draws a dozen PDFs, and each would otherwise read its own
 * 5.6 MB copy into memory outside the JavaScript heap.
 */
function font(): Buffer {
  fontBytes ??= fs.readFileSync(
    path.join(path.dirname(createRequire(path.join(process.cwd(), "package.json")).resolve("@embedpdf/fonts-tc")), "..", "fonts", FONT_FILE),
  );
  return fontBytes;
}

const PAGE = { size: "A4", layout: "landscape" as const, margin: 36 };
const COLOR = { text: "#111111", muted: "#555555", rule: "#999999", header: "#e8e8e8" };

/** The `incidents` catalogue in `locale`, for documents built outside this file (the SFC cover). */
export function incidentsTranslator(locale: AppLocale): Translate {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "incidents" });
  return (key, values) => t(key as Parameters<typeof t>[0], values);
}

export async function incidentReportPdf(report: IncidentReport, narrative: IncidentNarrative | undefined, locale: AppLocale): Promise<Buffer> {
  return render(incidentReportDocument(report, incidentsTranslator(locale), narrative), locale, report.endedAtMs);
}

export async function clientStatementPdf(statement: ClientStatement, locale: AppLocale): Promise<Buffer> {
  return render(clientStatementDocument(statement, incidentsTranslator(locale)), locale, statement.endedAtMs);
}

/** Any presented document (e.g. the monthly AFMM MI) as a PDF in `locale`; `createdAtMs` fixes its creation date, so the same document gives the same bytes. */
export function presentedDocumentPdf(document: PresentedDocument, locale: AppLocale, createdAtMs: number): Promise<Buffer> {
  return render(document, locale, createdAtMs);
}

function render(document: PresentedDocument, locale: AppLocale, createdAtMs: number): Promise<Buffer> {
  const doc = new PDFDocument({
    ...PAGE,
    // pdfkit hands this to doc.font(), which takes the file's bytes as well as a path; its types say path only.
    font: font() as unknown as string,
    lang: locale,
    displayTitle: true,
    info: { Title: document.title, Subject: document.subtitle, CreationDate: new Date(createdAtMs), Creator: "perps-portal", Producer: "perps-portal" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  doc.fillColor(COLOR.text).fontSize(18).text(document.title, left, doc.y, { width });
  doc.moveDown(0.2).fillColor(COLOR.muted).fontSize(10).text(document.subtitle, { width });
  for (const section of document.sections) {
    doc.moveDown(1);
    // A section title never ends a page: keep room for it, a line of text and the start of a table.
    ensureRoom(doc, 110);
    doc.fillColor(COLOR.text).fontSize(13).text(section.title, left, doc.y, { width });
    doc.moveDown(0.3);
    for (const block of section.blocks) drawBlock(doc, block, left, width, section.title);
  }
  doc.end();
  return done;
}

/** Start a new page when less than `height` points are left on this one. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block, left: number, width: number, sectionTitle: string): void {
  switch (block.kind) {
    case "text":
      doc.fillColor(COLOR.text).fontSize(9);
      ensureRoom(doc, doc.heightOfString(block.text, { width }));
      doc.text(block.text, left, doc.y, { width });
      doc.moveDown(0.4);
      return;
    case "facts": {
      // Figures sit in a compact two-column table; prose (the narrative) gets the page's width.
      const prose = block.facts.some(([, value]) => value.length > 60);
      const columns = [{ label: "" }, { label: "", numeric: !prose }];
      const widths = prose ? [0.25 * width, 0.75 * width] : [Math.min(380, 0.6 * width), 180];
      // A caption that only repeats the section title is left out (the HTML keeps it for screen readers).
      drawTable(doc, columns, block.facts, left, width, { header: false, widths, caption: block.caption === sectionTitle ? undefined : block.caption });
      return;
    }
    case "table":
      drawTable(doc, block.columns, block.rows, left, width, { header: true, caption: block.caption });
      return;
  }
}

/**
 * A table with wrapped cells: column widths from their content, scaled into the page width; the
 * header row repeats on every page the table runs onto.
 */
function drawTable(
  doc: PDFKit.PDFDocument,
  columns: ReadonlyArray<{ label: string; numeric?: boolean }>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  left: number,
  width: number,
  options: { header: boolean; caption?: string; widths?: number[] },
): void {
  const size = columns.length > 6 ? 7 : 8.5;
  const pad = 3;
  doc.fontSize(size);
  let widths: number[];
  if (options.widths) widths = options.widths;
  else {
    // Content widths (long headers wrap), shrunk to the page when too wide, widened by at most half when narrow.
    const natural = columns.map(
      (column, c) => Math.max(Math.min(doc.widthOfString(column.label), 90), ...rows.map((row) => doc.widthOfString(row[c] ?? "")), 24) + 2 * pad + 6,
    );
    const total = natural.reduce((sum, w) => sum + w, 0);
    const scale = Math.min(width / total, 1.5);
    widths = natural.map((w) => w * scale);
  }
  const tableWidth = widths.reduce((sum, w) => sum + w, 0);
  const heightOf = (cells: ReadonlyArray<string>) =>
    Math.max(...cells.map((cell, c) => doc.heightOfString(cell || " ", { width: widths[c] - 2 * pad }))) + 2 * pad;
  const drawRow = (cells: ReadonlyArray<string>, header: boolean) => {
    const height = heightOf(cells);
    let x = left;
    const y = doc.y;
    if (header) doc.rect(left, y, tableWidth, height).fill(COLOR.header);
    doc.fillColor(COLOR.text);
    cells.forEach((cell, c) => {
      doc.text(cell, x + pad, y + pad, { width: widths[c] - 2 * pad, align: columns[c]?.numeric ? "right" : "left", lineBreak: true });
      x += widths[c];
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + tableWidth, y + height)
      .lineWidth(0.4)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  const headerCells = columns.map((column) => column.label);
  doc.fontSize(8).fillColor(COLOR.muted);
  ensureRoom(doc, (options.caption ? doc.heightOfString(options.caption, { width }) : 0) + (rows.length ? 2 * heightOf(rows[0]) : 0) + 12);
  if (options.caption) doc.text(options.caption, left, doc.y, { width });
  doc.fontSize(size);
  if (options.header) drawRow(headerCells, true);
  for (const row of rows) {
    if (doc.y + heightOf(row) > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      doc.fontSize(size);
      if (options.header) drawRow(headerCells, true);
    }
    drawRow(row, false);
  }
  doc.moveDown(0.6);
  doc.x = left;
}
