// Responses that carry a client's uploaded bytes rather than a page of ours. Shared by the download
// route, which sets these headers, and the proxy, whose page headers would otherwise replace them
// (Next keeps a header the proxy set over the route's own).

/** Where evidence documents are downloaded from. */
export const UPLOADED_CONTENT_PREFIX = "/api/portal/onboarding/documents/";
/** Where the files sent with complaints are downloaded from: /api/compliance/complaints/{id}/attachments/{attachmentId}. */
const COMPLAINT_ATTACHMENT_PATH = /^\/api\/compliance\/complaints\/[^/]+\/attachments\//;

/**
 * For a file that is only ever meant to be saved: if a browser renders it anyway (a direct link, a
 * disposition ignored), it runs in a unique opaque origin with no scripts, forms, plugins or requests,
 * and no other site may frame it (as the pages' policy says).
 */
export const UPLOADED_CONTENT_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

export function isUploadedContentPath(pathname: string): boolean {
  return pathname.startsWith(UPLOADED_CONTENT_PREFIX) || COMPLAINT_ATTACHMENT_PATH.test(pathname);
}

/** Every header a download of an uploaded file is sent with. `fileName` and `mediaType` must already be the safe, sniffed ones. */
export function uploadedContentHeaders(file: { fileName: string; mediaType: string; sizeBytes: number }): Record<string, string> {
  return {
    "Content-Type": file.mediaType,
    "Content-Length": String(file.sizeBytes),
    "Content-Disposition": attachment(file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": UPLOADED_CONTENT_CSP,
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, no-store",
  };
}

/**
 * RFC 6266 / 8187: an ASCII fallback for old clients and the exact UTF-8 name. encodeURIComponent leaves
 * ' ( ) * ! unescaped, which RFC 8187's attr-char does not allow.
 */
function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
