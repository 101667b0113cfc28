import { createTranslator } from "next-intl";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { presentedDocumentPdf } from "@/lib/incidents/report/pdf";
import { contractNoteDocument, monthlyStatementDocument, type StatementTranslate } from "./presentation";
import type { ContractNote, MonthlyStatement } from "./types";

/** The statement and the contract note as PDFs; the creation date is the preparation date, so the same statement gives the same bytes. */

export function statementTranslator(locale: AppLocale): StatementTranslate {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "inbox.statements" });
  return (key, values) => t(key as Parameters<typeof t>[0], values);
}

export function monthlyStatementPdf(statement: MonthlyStatement, locale: AppLocale): Promise<Buffer> {
  return presentedDocumentPdf(monthlyStatementDocument(statement, statementTranslator(locale)), locale, statement.preparedAtMs);
}

export function contractNotePdf(note: ContractNote, locale: AppLocale): Promise<Buffer> {
  return presentedDocumentPdf(contractNoteDocument(note, statementTranslator(locale)), locale, note.preparedAtMs);
}
