import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getServiceContext } from "@/lib/transport/session";
import type { ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { databaseUnavailable, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { sameOrigin } from "./same-origin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Wrap a route handler: CSRF check on mutations (the Origin must be this host; browsers always send
 * Origin on cross-site POST/PUT/DELETE, and SameSite=Lax cookies already stay off cross-site
 * subrequests), build the service context, map ServiceError to JSON with its status and an
 * unreachable database to 503. The JSON answers are in English (`error.message`, the English text
 * of the service's message): route handlers are a machine interface, documented in English.
 */
export function withRoute<P>(handler: (request: NextRequest, ctx: ServiceContext, params: P) => Promise<Response>) {
  return async (request: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) {
      return NextResponse.json({ error: "Cross-site request refused." }, { status: 403 });
    }
    try {
      return await handler(request, await getServiceContext(), await route.params);
    } catch (error) {
      if (error instanceof z.ZodError) return NextResponse.json({ error: error.issues[0]?.message ?? "Invalid request" }, { status: 422 });
      if (error instanceof ServiceError) return NextResponse.json({ error: error.message, code: error.code }, { status: error.status });
      if (isDatabaseUnavailable(error)) return databaseUnavailable(request, error);
      console.error(`${request.method} ${request.nextUrl.pathname} failed`, error);
      return NextResponse.json({ error: "Internal error" }, { status: 500 });
    }
  };
}
