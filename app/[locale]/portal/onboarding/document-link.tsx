import type { EvidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";

/** An uploaded evidence file: its name as a download link and the start of the SHA-256 it is stored with. */
export function DocumentLink({ document }: { document: EvidenceDocumentMeta | undefined }) {
  if (!document) return <span className="muted">Not on file</span>;
  return (
    <>
      <a href={`/api/portal/onboarding/documents/${document.id}`} download={document.fileName}>
        {document.fileName}
      </a>
      <br />
      <span className="muted">
        SHA-256 <code title={document.sha256}>{document.sha256.slice(0, 12)}</code>
      </span>
    </>
  );
}
