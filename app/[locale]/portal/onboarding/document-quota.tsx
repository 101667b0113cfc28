import type { EvidenceUsage } from "@/lib/services/suitability/evidence-documents";
import { formatFileSize } from "@/lib/suitability/evidence-file";

/** How much of the document allowance the client's documents not yet in a submission use, and how to free some. */
export function DocumentQuota({ usage }: { usage: EvidenceUsage }) {
  const full = usage.documents >= usage.maxDocuments || usage.bytes >= usage.maxBytes;
  return (
    <p className={full ? "alert alert--warn" : undefined} data-testid="document-quota">
      Documents not yet part of a submission: {usage.documents} of {usage.maxDocuments}, using {formatFileSize(usage.bytes)} of {formatFileSize(usage.maxBytes)}.{" "}
      {full ? "That is the most you can hold; remove a line whose document you no longer need to upload another. " : null}
      Removing a line deletes its document too; documents in a submission stay on file for the record and do not count.
    </p>
  );
}
