import { useTranslations } from "next-intl";
import type { EvidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";

/** An uploaded evidence file: its name as a download link and the start of the SHA-256 it is stored with. */
export function DocumentLink({ document }: { document: EvidenceDocumentMeta | undefined }) {
  const t = useTranslations("onboarding.document");
  if (!document) return <span className="muted">{t("notOnFile")}</span>;
  return (
    <>
      <a href={`/api/portal/onboarding/documents/${document.id}`} download={document.fileName}>
        {document.fileName}
      </a>
      <br />
      <span className="muted">{t.rich("sha256", { hash: document.sha256.slice(0, 12), code: (chunks) => <code title={document.sha256}>{chunks}</code> })}</span>
    </>
  );
}
