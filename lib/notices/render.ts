import { createTranslator } from "next-intl";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";

/**
 * Notice texts come from the `notices` catalogue namespace. A notice stores its kind and parameters,
 * so the inbox shows it in the reader's language; the English rendering is what is stored beside it
 * and what the e-mail's content hash covers.
 */

/** Kinds with a title and body in the catalogue. */
export const NOTICE_KINDS = [
  "fundDepleted",
  "adlOccurred",
  "liquidated",
  "adlFill",
  "marginCall",
  "reportPublished",
  "statementReady",
  "escalation",
  "overdue",
  "incidentOpened",
  "piWithdrawn",
  "piRevoked",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticeParams = Record<string, string | number>;

export function isCatalogueNotice(kind: string): kind is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(kind);
}

// One translator per language: it keeps the compiled messages, so rendering a notice for ten thousand
// recipients does not parse its text ten thousand times.
const translators = new Map<AppLocale, ReturnType<typeof noticeTranslator>>();

function noticeTranslator(locale: AppLocale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "notices" });
}

export function renderNotice(kind: NoticeKind, params: NoticeParams, locale: AppLocale): { title: string; body: string } {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = noticeTranslator(locale)));
  const values = { ...params };
  if (kind === "marginCall") {
    values.maintenanceNote = t(params.belowMaintenance === 1 ? "marginCallBelowMaintenance" : "marginCallAboveMaintenance", values);
  }
  return { title: t(`${kind}.title`, values), body: t(`${kind}.body`, values) };
}

/**
 * What a notice's e-mail carries: Hong Kong clients read English or Traditional Chinese, and an
 * e-mail cannot ask which, so it carries both, English first. Deterministic for a kind and parameters,
 * so the hash recorded when it was queued can be checked against what was sent.
 */
export function emailContent(kind: NoticeKind, params: NoticeParams): { subject: string; text: string } {
  const en = renderNotice(kind, params, "en");
  const zh = renderNotice(kind, params, "zh-HK");
  return { subject: `${en.title} / ${zh.title}`, text: `${en.title}\n\n${en.body}\n\n——\n\n${zh.title}\n\n${zh.body}\n` };
}
