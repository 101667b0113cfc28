import { getEvidenceDocument } from "@/lib/services/suitability/get-evidence-document";
import { withRoute } from "@/lib/transport/route-handler";
import { uploadedContentHeaders } from "@/lib/transport/uploaded-content";

export const dynamic = "force-dynamic";

// GET /api/portal/onboarding/documents/{id} — an uploaded evidence file: the client's
// own, or any client's for staff who may read client records. Anyone else gets 404 (or 401/403 when
// not signed in or without either permission). Always a download under a name with the extension of
// the type recognised from its bytes, never rendered by the browser: a file whose PDF/PNG/JPEG
// signature is followed by HTML or script stays bytes in a .pdf/.png/.jpg file.
export const GET = withRoute<{ id: string }>(async (_request, ctx, { id }) => {
  const document = await getEvidenceDocument({ ctx, input: { documentId: id } });
  const body = new Blob([document.content as Uint8Array<ArrayBuffer>], { type: document.mediaType });
  return new Response(body, { headers: uploadedContentHeaders({ ...document, sizeBytes: document.content.byteLength }) });
});
