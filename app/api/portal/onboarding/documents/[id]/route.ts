import { getEvidenceDocument } from "@/lib/services/suitability/evidence-documents";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/portal/onboarding/documents/{id} — an uploaded evidence file (issue 7 pt 1): the client's
// own, or any client's for staff who may read client records. Anyone else gets 404 (or 401/403 when
// not signed in or without either permission). Always a download, never rendered by the browser.
export const GET = withRoute<{ id: string }>(async (_request, ctx, { id }) => {
  const document = await getEvidenceDocument(ctx, id);
  return new Response(new Blob([document.content as Uint8Array<ArrayBuffer>], { type: document.mediaType }), {
    headers: {
      "Content-Type": document.mediaType,
      "Content-Length": String(document.content.byteLength),
      "Content-Disposition": contentDisposition(document.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});

/**
 * RFC 6266 / 8187: an ASCII fallback for old clients and the exact UTF-8 name. encodeURIComponent leaves
 * ' ( ) * ! unescaped, which RFC 8187's attr-char does not allow.
 */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
