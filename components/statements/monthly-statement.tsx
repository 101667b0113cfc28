import { useTranslations } from "next-intl";
import { PresentedDocumentView } from "@/components/incidents/presented-document";
import { monthlyStatementDocument, type StatementTranslate } from "@/lib/statements/presentation";
import type { MonthlyStatement } from "@/lib/statements/types";

/** A client's monthly statement as HTML: the same figures and labels as its PDF. */
export function MonthlyStatementView({ statement, level }: { statement: MonthlyStatement; level?: 1 | 2 }) {
  const t = useTranslations("inbox.statements");
  const translate: StatementTranslate = (key, values) => t(key as Parameters<typeof t>[0], values);
  return <PresentedDocumentView document={monthlyStatementDocument(statement, translate)} level={level} />;
}

/** Each trade line's contract note, prepared on demand as a PDF in the reader's language. */
export function ContractNoteLinks({ statement, locale }: { statement: MonthlyStatement; locale: string }) {
  const t = useTranslations("inbox.statements");
  if (statement.trades.length === 0) return null;
  return (
    <section aria-labelledby="contract-notes-heading" className="stack">
      <h3 id="contract-notes-heading">{t("detail.contractNotes")}</h3>
      <ul>
        {statement.trades.map((trade) => (
          <li key={trade.seq}>
            <a href={`/api/portal/contract-notes/${trade.seq}?locale=${locale}`} download>
              {t("contractNote.title", { reference: trade.seq })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
