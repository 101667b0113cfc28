import "server-only";
import { z } from "zod";
import { getServiceContext } from "@/lib/transport/session";
import type { ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/**
 * Every server action body: build the request's service context, call one verb, and turn expected
 * failures into a message for the form. Next checks server actions' Origin against Host itself
 * (CSRF), so nothing more is needed here.
 */
export async function runAction<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn(await getServiceContext()) };
  } catch (error) {
    return toActionError(error);
  }
}

function toActionError(error: unknown): { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> } {
  if (error instanceof z.ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    // The field messages sit next to their fields; the summary says where to look.
    return { ok: false, error: "Check the fields marked below; nothing was changed.", code: "INVALID_INPUT", fieldErrors };
  }
  if (error instanceof ServiceError) return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors };
  // Redirects and notFound() from next/navigation must propagate.
  if (isNextControlFlow(error)) throw error;
  if (isDatabaseUnavailable(error)) {
    console.error("server action: database unavailable:", error instanceof Error ? error.message : error);
    return { ok: false, error: `${DATABASE_UNAVAILABLE_MESSAGE} Nothing was changed.`, code: "DATABASE_UNAVAILABLE" };
  }
  console.error("server action failed", error);
  return { ok: false, error: "Something went wrong on our side; nothing was changed. Try again shortly.", code: "INTERNAL" };
}

function isNextControlFlow(error: unknown): boolean {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : "";
  return digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK");
}
