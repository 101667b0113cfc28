import { useTranslations } from "next-intl";
import type { EvidenceUsage } from "@/lib/services/suitability/evidence-documents";
import { formatFileSize } from "@/lib/suitability/evidence-file";

/** How much of the document allowance the client's documents not yet in a submission use, and how to free some. */
export function DocumentQuota({ usage }: { usage: EvidenceUsage }) {
  const t = useTranslations("onboarding.quota");
  const full = usage.documents >= usage.maxDocuments || usage.bytes >= usage.maxBytes;
  // Not the shared Alert: the note is a plain paragraph until the allowance is used up, and tests find it by its test id.
  return (
    <p className={full ? "alert alert--warn" : undefined} data-testid="document-quota">
      {t("usage", { documents: usage.documents, maxDocuments: usage.maxDocuments, size: formatFileSize(usage.bytes), maxSize: formatFileSize(usage.maxBytes) })}{" "}
      {full ? `${t("full")} ` : null}
      {t("removing")}
    </p>
  );
}
