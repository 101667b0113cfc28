import "server-only";
import { z } from "zod";
import { getServiceContext } from "@/lib/transport/session";
import type { ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { issueMessagesByField, msg } from "@/lib/i18n/message-ref";
import { renderFieldMessages, requestMessages } from "@/lib/transport/messages";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/**
 * Every server action body: build the request's service context, call one verb, and turn expected
 * failures into a message for the form, in the reader's language. Next checks server actions' Origin
 * against Host itself (CSRF), so nothing more is needed here.
 */
export async function runAction<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn(await getServiceContext()) };
  } catch (error) {
    return toActionError(error);
  }
}

async function toActionError(error: unknown): Promise<{ ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> }> {
  // Redirects and notFound() from next/navigation must propagate.
  if (isNextControlFlow(error)) throw error;
  const render = await requestMessages();
  if (error instanceof z.ZodError) {
    const fieldErrors = renderFieldMessages(issueMessagesByField(error.issues), render);
    // The field messages sit next to their fields; the summary says where to look.
    return { ok: false, error: render(msg("errors.transport.invalidInput")), code: "INVALID_INPUT", fieldErrors };
  }
  if (error instanceof ServiceError) {
    return {
      ok: false,
      error: render(error.userMessage),
      code: error.code,
      fieldErrors: error.fieldMessages && renderFieldMessages(error.fieldMessages, render),
    };
  }
  if (isDatabaseUnavailable(error)) {
    console.error("server action: database unavailable:", error instanceof Error ? error.message : error);
    return { ok: false, error: render(msg("errors.transport.databaseUnavailable")), code: "DATABASE_UNAVAILABLE" };
  }
  console.error("server action failed", error);
  return { ok: false, error: render(msg("errors.transport.internal")), code: "INTERNAL" };
}

function isNextControlFlow(error: unknown): boolean {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : "";
  return digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK");
}
