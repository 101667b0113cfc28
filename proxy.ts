import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { oversizedRequestResponse } from "@/lib/transport/request-size";
import { isUploadedContentPath, UPLOADED_CONTENT_CSP } from "@/lib/transport/uploaded-content";

/**
 * Security headers on every response, and the request path for pages that send signed-out visitors
 * to sign-in and back. No authorization happens here: pages and services decide (STYLE §7.7).
 *
 * CSP: scripts run only with this response's nonce (a fresh 128-bit value per request, which Next
 * reads from the request's Content-Security-Policy header and puts on its own bootstrap and chunk
 * scripts; every page is rendered per request, since the root layout reads the session) or when a
 * nonce'd script loads them ('strict-dynamic'). No 'unsafe-inline' and no eval for scripts: an
 * injected <script> or event-handler attribute does not run. Styles keep 'unsafe-inline' because
 * React's style attributes and the charts' inline styles need it; a style cannot run code.
 * Everything else is 'self' only, no plugins, no framing (frame-ancestors 'none' plus
 * X-Frame-Options for old browsers), and forms may only post to this origin. HSTS is sent in
 * production mode only: the demo runs on plain http://localhost, where HSTS would pin the browser
 * to https for that host. Downloads of uploaded files get the sandbox policy instead (a header set
 * here would replace the route's own).
 *
 * A body declared larger than the portal reads is answered 413 here, before any form is parsed.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-portal-path", request.nextUrl.pathname + request.nextUrl.search);
  // Next takes the nonce for its own scripts from the request's policy.
  requestHeaders.set("Content-Security-Policy", csp);
  const response = oversizedRequestResponse(request) ?? NextResponse.next({ request: { headers: requestHeaders } });
  const headers = response.headers;
  headers.set("Content-Security-Policy", isUploadedContentPath(request.nextUrl.pathname) ? UPLOADED_CONTENT_CSP : csp);
  headers.set("X-Frame-Options", "DENY");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (env().PORTAL_MODE === "production") headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
