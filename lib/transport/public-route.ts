import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { databaseUnavailable, isDatabaseUnavailable } from "@/lib/database-unavailable";
import type { ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { anonymousContext } from "./anonymous-context";
import { clientAddress } from "./client-address";
import { consumeRateLimit, publicApiPolicy, rateLimitHeaders } from "./rate-limit";

/**
 * Wrap a public API route (no sign-in, so the services get a context without an actor and no
 * session is looked up): rate-limit per client address and route family (429 with
 * Retry-After), map ServiceError to its status, a zod error to 400 with the first issue's message
 * and an unreachable database to 503, and mark the answer uncacheable (unless it says otherwise, as
 * an event stream does).
 * Successful answers carry the RateLimit-* headers.
 *
 * Answers stay in English whatever the caller's language: the public API is a machine interface
 * documented in English, so refusals carry `error.message` (the English text of the service's message).
 */
export function withPublicRoute<P>(family: string, handler: (request: NextRequest, params: P, ctx: ServiceContext) => Promise<Response>) {
  return async (request: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    const decision = await consumeRateLimit(publicApiPolicy(family), clientAddress(request.headers));
    const limitHeaders = rateLimitHeaders(decision);
    if (!decision.allowed) {
      return NextResponse.json(
        { error: `rate limit exceeded: at most ${decision.limit} requests per minute per client for ${family}; retry after ${decision.retryAfterSeconds} s` },
        { status: 429, headers: limitHeaders },
      );
    }
    let response: Response;
    try {
      response = await handler(request, await route.params, anonymousContext());
    } catch (error) {
      if (error instanceof z.ZodError) response = NextResponse.json({ error: error.issues[0]?.message ?? "invalid query" }, { status: 400 });
      else if (error instanceof ServiceError) {
        response = NextResponse.json(
          { error: error.message, code: error.code, ...(error instanceof PublicApiError ? error.details : {}) },
          { status: error.status, headers: error instanceof PublicApiError ? error.headers : undefined },
        );
      } else if (isDatabaseUnavailable(error)) response = databaseUnavailable(request, error);
      else {
        console.error(`${request.method} ${request.nextUrl.pathname} failed`, error);
        response = NextResponse.json({ error: "Internal error" }, { status: 500 });
      }
    }
    for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
    // An event stream keeps its own "no-cache, no-transform" (no-transform stops proxies compressing it).
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
    return response;
  };
}
