import "server-only";
import { Invalid } from "@/lib/services/errors";
import { issueMessage, issueMessagesByField, msg } from "@/lib/i18n/message-ref";

/** What parseInput needs of a schema (a zod schema has it). */
interface InputSchema<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string; params?: unknown }[] } };
}

/**
 * A verb's input, or 422 whose message is the first problem (so a refused page number or id says what
 * was wrong with it, not only that something was) and whose field messages hold every problem.
 */
export function parseInput<T>(schema: InputSchema<T>, input: unknown): T {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0] ? issueMessage(parsed.error.issues[0]) : msg("errors.transport.invalidInput");
  throw new Invalid(typeof first === "string" ? msg("errors.common.problem", { problem: first }) : first, issueMessagesByField(parsed.error.issues));
}
