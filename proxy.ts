import createIntlMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { isPagePath } from "@/lib/i18n/page-path";
import { routing } from "@/lib/i18n/routing";
import { MAX_REQUEST_BODY_BYTES, oversizedRequestAnswer } from "@/lib/request-limits.mjs";
import { actionRequestProblem } from "@/lib/transport/action-request";
import { sameOrigin } from "@/lib/transport/same-origin";
import { isUploadedContentPath, UPLOADED_CONTENT_CSP } from "@/lib/transport/uploaded-content";

/**
 * Security headers on every response, the request path for pages that send signed-out visitors to
 * sign-in and back, and early 4xx answers for requests Next would otherwise fail with a 500
 * (refuseRequest). No authorization happens here: pages and services decide (STYLE §7.7).
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

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = isUploadedContentPath(request.nextUrl.pathname) ? UPLOADED_CONTENT_CSP : contentSecurityPolicy(nonce);
  const refusal = await refuseRequest(request);
  if (refusal) return withSecurityHeaders(refusal, csp);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-portal-path", request.nextUrl.pathname + request.nextUrl.search);
  // Next takes the nonce for its own scripts from the request's policy.
  requestHeaders.set("Content-Security-Policy", csp);
  if (!isPagePath(request.nextUrl.pathname)) return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
  // Pages: next-intl picks the language (prefix, then the remembered choice, then Accept-Language) and
  // rewrites to the [locale] segment, carrying the headers set above to the page. It reads only the
  // address and headers; the body (already read above for server actions) travels with the original request.
  return withSecurityHeaders(localeRouting(new NextRequest(request.nextUrl, { headers: requestHeaders })), csp);
}

const localeRouting = createIntlMiddleware(routing);

function withSecurityHeaders<R extends Response>(response: R, csp: string): R {
  const headers = response.headers;
  headers.set("Content-Security-Policy", csp);
  headers.set("X-Frame-Options", "DENY");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (env().PORTAL_MODE === "production") headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

/** Bodies a server action can be sent as: React's encoded arguments (JSON text) or a multipart form. */
const ACTION_BODY_TYPES = new Set(["text/plain", "multipart/form-data"]);

/**
 * Requests refused before Next handles them, with the 4xx they deserve (Next's own server-action
 * handling answers each of these with a 500): a body over MAX_REQUEST_BODY_BYTES (413); a path
 * that is not valid percent-encoded UTF-8 (400); a GET of the password sign-in's callback (405); a
 * POST to a page (only server actions are posted there) from an Origin other than this site (403);
 * and for any POST Next may handle as a server action (it carries Next-Action, or is a multipart
 * form), a body type an action cannot have (415) or a body Next could not decode (400,
 * lib/transport/action-request.ts).
 */
async function refuseRequest(request: NextRequest): Promise<Response | null> {
  const tooLarge = (sent?: number) => {
    const answer = oversizedRequestAnswer(request.nextUrl.pathname, sent);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BODY_BYTES) return tooLarge(declared);
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return refuse(400, "The address is not valid.");
  }
  // next-auth answers anything but a POST to the password sign-in's callback with a 500.
  if (request.nextUrl.pathname === "/api/auth/callback/credentials" && request.method !== "POST")
    return refuse(405, "Sign in with the form on the sign-in page.", { Allow: "POST" });
  if (request.method !== "POST") return null;
  // Route handlers under /api check the Origin of what they accept themselves (withRoute; next-auth
  // its CSRF token). A POST that matches no route handler is still handled as a possible server
  // action, so its body is checked wherever it is sent.
  if (!request.nextUrl.pathname.startsWith("/api/") && !sameOrigin(request)) return refuse(403, "Cross-site request refused.");
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  const fetchAction = request.headers.has("next-action");
  if (fetchAction && !ACTION_BODY_TYPES.has(type)) return refuse(415, "A form submission is sent as text/plain or multipart/form-data.");
  if (!fetchAction && type !== "multipart/form-data") return null;
  // Next buffers up to twice the limit for this proxy (next.config.ts), so a body sent without
  // Content-Length that is over the limit shows as over it.
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_REQUEST_BODY_BYTES) return tooLarge();
  const problem = await actionRequestProblem(contentType, fetchAction, body);
  return problem ? refuse(problem.status, problem.message) : null;
}

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
