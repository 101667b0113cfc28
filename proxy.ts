import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { oversizedRequestResponse } from "@/lib/transport/request-size";
import { isUploadedContentPath, UPLOADED_CONTENT_CSP } from "@/lib/transport/uploaded-content";

/**
 * Security headers on every response, and the request path for pages that send signed-out visitors
 * to sign-in and back. No authorization happens here: pages and services decide (STYLE §7.7).
 *
 * CSP: Next's App Router inlines its bootstrap scripts and style tags, so script-src and style-src
 * allow 'unsafe-inline' rather than per-request nonces (which would need every page rendered
 * dynamically with the nonce threaded through). Everything else is 'self' only, no eval, no
 * plugins, no framing (frame-ancestors 'none' plus X-Frame-Options for old browsers), and forms may
 * only post to this origin. HSTS is sent in production mode only: the demo runs on plain
 * http://localhost, where HSTS would pin the browser to https for that host. Downloads of uploaded
 * files get the sandbox policy instead (a header set here would replace the route's own).
 *
 * A body declared larger than the portal reads is answered 413 here, before any form is parsed.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-portal-path", request.nextUrl.pathname + request.nextUrl.search);
  const response = oversizedRequestResponse(request) ?? NextResponse.next({ request: { headers: requestHeaders } });
  const headers = response.headers;
  headers.set("Content-Security-Policy", isUploadedContentPath(request.nextUrl.pathname) ? UPLOADED_CONTENT_CSP : CSP);
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
