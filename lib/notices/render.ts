import { createTranslator } from "next-intl";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { emailVerificationCode } from "@/lib/notices/verification-code";

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
  // AFMM-3: lib/services/conflicts/attestation-sweep.ts
  "attestationOverdue",
  // SEC-1, SEC-2: lib/notices/client-security.ts
  "clientSecurity.emailVerification",
  "clientSecurity.newDeviceSignIn",
  "clientSecurity.orderPlaced",
  "clientSecurity.orderCancelled",
  "clientSecurity.fillsSummary",
  "clientSecurity.collateralDeposit",
  "clientSecurity.collateralWithdrawal",
  // COL-1, COL-4: lib/services/collateral-governance/engine-apply.ts
  "collateralRegistry.changed",
  // MRG-5: a scheduled tightening of margin or liquidation, with the client's own figures (lib/services/risk-governance).
  "parameterChange.scheduled",
  // DISC-9: the monthly statement, carried in the notice (lib/services/statements).
  "monthlyStatement",
  // CMP-1, EDU-2: what a signed-in client is told of their complaint or enquiry (lib/services/complaints).
  "complaintReceived",
  "complaintAcknowledged",
  "complaintOutcome",
  "enquiryAnswered",
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

function translatorOf(locale: AppLocale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = noticeTranslator(locale)));
  return t;
}

export function renderNotice(kind: NoticeKind, params: NoticeParams, locale: AppLocale): { title: string; body: string } {
  const t = translatorOf(locale);
  const values = { ...params };
  if (kind === "clientSecurity.orderPlaced") {
    values.priceNote = typeof params.price === "string" ? t("clientSecurity.limitPriceNote", values) : "";
  }
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
  // The verification code is in the e-mail only (never the inbox, never stored): derived here from the
  // verification's id under the server's key, the same at queueing (content hash) and at sending.
  if (kind === "clientSecurity.emailVerification") {
    const values = { ...params, code: emailVerificationCode(String(params.verificationId)) };
    en.body = translatorOf("en")("clientSecurity.emailVerification.emailBody", values);
    zh.body = translatorOf("zh-HK")("clientSecurity.emailVerification.emailBody", values);
  }
  return { subject: `${en.title} / ${zh.title}`, text: `${en.title}\n\n${en.body}\n\n——\n\n${zh.title}\n\n${zh.body}\n` };
}
