// The sizes the portal accepts, and the answer to a request body over them. Plain JavaScript so the
// portal's HTTP server (scripts/serve.mjs, run without a TypeScript loader), next.config.ts,
// proxy.ts and the evidence service all read the same numbers (types in request-limits.d.mts).

/** Largest evidence file accepted (PI-5 uploads): a scanned statement fits comfortably. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/**
 * The largest request body the portal reads: room for one evidence file over its limit plus the
 * form around it, so a file somewhat too large still reaches the service and is refused with its
 * name and size. A body that announces more is answered 413 by the HTTP server before anything
 * reads it; proxy.ts does the same for a body sent without Content-Length; Next's server-action
 * parser is given the same limit (next.config.ts).
 */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

/** "980 KB", "4.3 MB", "50 MB": how sizes are written to people. */
export function formatFileSize(bytes) {
  if (bytes < 100 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
}

/**
 * The 413 answer to a body of `sentBytes` (or of unknown size): JSON under /api/, else a page a person
 * without JavaScript can act on (the form's own size check needs JavaScript).
 */
export function oversizedRequestAnswer(pathname, sentBytes) {
  // Answered before the portal's own headers are added (scripts/serve.mjs), so it carries its own.
  const headers = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
  };
  if (pathname.startsWith("/api/")) {
    return {
      status: 413,
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ error: `The request body is larger than the ${formatFileSize(MAX_REQUEST_BODY_BYTES)} accepted; nothing was changed.` }),
    };
  }
  const sent = sentBytes === undefined ? "What you sent is too large." : `What you sent is ${formatFileSize(sentBytes)}.`;
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>File too large</title></head>
<body>
<main>
<h1>File too large</h1>
<p role="alert">${sent} Each evidence document can be at most ${formatFileSize(MAX_EVIDENCE_BYTES)}, and one form can send at most ${formatFileSize(MAX_REQUEST_BODY_BYTES)}. Nothing was saved.</p>
<p><a href="${escapeHtml(pathname)}">Go back to the form</a>, choose a smaller file (a statement saved as PDF rather than scanned, or a scan at a lower resolution) and send it again.</p>
</main>
</body>
</html>
`;
  return { status: 413, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" }, body: page };
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
