import "server-only";
import { createTranslator, useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { messagesFor } from "@/lib/i18n/catalogue";
import { issueMessage, renderMessage, type Translate, type UserMessage } from "@/lib/i18n/message-ref";
import type { AppLocale } from "@/lib/i18n/routing";
import { ServiceError } from "@/lib/services/errors";

/**
 * Services, schemas and the pure domain modules describe what went wrong as catalogue references
 * (lib/i18n/message-ref.ts); this is where a page or a server action turns them into the reader's
 * language. The public JSON API does not come here: its answers stay in English (route handlers use
 * `error.message`), a machine interface documented in English.
 */
export type RenderMessage = (message: UserMessage) => string;

/** Messages in the language of the current request (a page or a server action). */
export async function requestMessages(): Promise<RenderMessage> {
  const t = await getTranslations();
  const translate: Translate = (key, values) => t(key, values);
  return (message) => renderMessage(message, translate);
}

/** The same for a component rendered without await (a sync server component). */
export function useMessageText(): RenderMessage {
  const t = useTranslations();
  const translate: Translate = (key, values) => t(key, values);
  return (message) => renderMessage(message, translate);
}

/** Messages in a given language, where no request locale is set up (next-auth's sign-in callback). */
export function messagesIn(locale: AppLocale): RenderMessage {
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const translate: Translate = (key, values) => t(key, values);
  return (message) => renderMessage(message, translate);
}

/** Each field's messages rendered. */
export function renderFieldMessages(fields: Record<string, readonly UserMessage[]>, render: RenderMessage): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, messages.map(render)]));
}

/**
 * What a page shows for an error it caught: a service's refusal or a schema's first problem in the
 * reader's language; any other error's own message (as before: faults say what failed).
 */
export async function errorText(error: unknown): Promise<string> {
  if (error instanceof ServiceError) return (await requestMessages())(error.userMessage);
  if (error instanceof z.ZodError && error.issues[0]) return (await requestMessages())(issueMessage(error.issues[0]));
  return error instanceof Error ? error.message : String(error);
}
