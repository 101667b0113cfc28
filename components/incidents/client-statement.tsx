import { useTranslations } from "next-intl";
import { clientStatementDocument, type Translate } from "@/lib/incidents/report/presentation";
import type { ClientStatement } from "@/lib/incidents/report/statement-types";
import { PresentedDocumentView } from "./presented-document";

/** A client's personal statement of an incident as HTML: the same figures and labels as its PDF. */
export function ClientStatementView({ statement, level }: { statement: ClientStatement; level?: 1 | 2 }) {
  const t = useTranslations("incidents");
  const translate: Translate = (key, values) => t(key as Parameters<typeof t>[0], values);
  return <PresentedDocumentView document={clientStatementDocument(statement, translate)} level={level} />;
}
