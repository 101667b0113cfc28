/**
 * CSRF: whether a request's Origin is this site (the host the request was addressed to). Browsers
 * send Origin on every cross-site POST/PUT/DELETE and on same-origin POSTs, so a mutation without a
 * matching Origin is refused. Used by route handlers (route-handler.ts) and, for server actions,
 * by proxy.ts.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
