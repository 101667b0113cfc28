// The largest request body the portal reads, and the answer to a larger one. Imported by next.config.ts
// (relative imports only, so the config loader needs no path aliases).
import { formatFileSize, MAX_EVIDENCE_BYTES } from "../suitability/evidence-file";

/**
 * Room for one evidence file over its limit plus the form around it, so a file somewhat too large still
 * reaches the service and is refused with its name and size. Next's server-action limit and the proxy's
 * body buffer are both set to this: below the buffer Next would cut the body short and fail to parse it.
 */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A request that declares a body over the limit is answered 413 before its form is parsed, with a page a
 * person without JavaScript can act on (the form's own check needs JavaScript) or JSON for the API.
 * A body sent without Content-Length (browsers always send one for a form) is left to Next, which cuts
 * it at the limit and fails it as malformed.
 */
export function oversizedRequestResponse(request: { method: string; headers: Headers; nextUrl: { pathname: string } }): Response | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const declared = Number(request.headers.get("content-length"));
  if (!(declared > MAX_REQUEST_BODY_BYTES)) return null;
  const sent = formatFileSize(declared);
  const limits = `Each evidence document can be at most ${formatFileSize(MAX_EVIDENCE_BYTES)}, and one form can send at most ${formatFileSize(MAX_REQUEST_BODY_BYTES)}.`;
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) return Response.json({ error: `The request body is larger than the ${formatFileSize(MAX_REQUEST_BODY_BYTES)} accepted; nothing was changed.` }, { status: 413 });
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>File too large</title></head>
<body>
<main>
<h1>File too large</h1>
<p role="alert">What you sent is ${sent}. ${limits} Nothing was saved.</p>
<p><a href="${escapeHtml(pathname)}">Go back to the form</a>, choose a smaller file (a statement saved as PDF rather than scanned, or a scan at a lower resolution) and send it again.</p>
</main>
</body>
</html>
`;
  return new Response(page, { status: 413, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
