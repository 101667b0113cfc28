import type { AppLocale } from "@/lib/i18n/routing";
import enAccount from "@/messages/en/account.json" with { type: "json" };
import enAdmin from "@/messages/en/admin.json" with { type: "json" };
import enAfmm from "@/messages/en/afmm.json" with { type: "json" };
import enAfmmGovernance from "@/messages/en/afmmGovernance.json" with { type: "json" };
import enAfmmReviews from "@/messages/en/afmmReviews.json" with { type: "json" };
import enAuth from "@/messages/en/auth.json" with { type: "json" };
import enCommon from "@/messages/en/common.json" with { type: "json" };
import enComplaints from "@/messages/en/complaints.json" with { type: "json" };
import enCompliance from "@/messages/en/compliance.json" with { type: "json" };
import enComponents from "@/messages/en/components.json" with { type: "json" };
import enDisclosures from "@/messages/en/disclosures.json" with { type: "json" };
import enEducation from "@/messages/en/education.json" with { type: "json" };
import enErrors from "@/messages/en/errors.json" with { type: "json" };
import enHome from "@/messages/en/home.json" with { type: "json" };
import enInbox from "@/messages/en/inbox.json" with { type: "json" };
import enKnowledgeBase from "@/messages/en/knowledgeBase.json" with { type: "json" };
import enIncidents from "@/messages/en/incidents.json" with { type: "json" };
import enInstruments from "@/messages/en/instruments.json" with { type: "json" };
import enLabels from "@/messages/en/labels.json" with { type: "json" };
import enNav from "@/messages/en/nav.json" with { type: "json" };
import enNotices from "@/messages/en/notices.json" with { type: "json" };
import enOnboarding from "@/messages/en/onboarding.json" with { type: "json" };
import enOversight from "@/messages/en/oversight.json" with { type: "json" };
import enPortal from "@/messages/en/portal.json" with { type: "json" };
import enRequirements from "@/messages/en/requirements.json" with { type: "json" };
import enRiskGovernance from "@/messages/en/riskGovernance.json" with { type: "json" };
import enCollateralGovernance from "@/messages/en/collateralGovernance.json" with { type: "json" };
import enStressSuite from "@/messages/en/stressSuite.json" with { type: "json" };
import enOrderProtection from "@/messages/en/orderProtection.json" with { type: "json" };
import enTrading from "@/messages/en/trading.json" with { type: "json" };
import enValidation from "@/messages/en/validation.json" with { type: "json" };
import zhAccount from "@/messages/zh-HK/account.json" with { type: "json" };
import zhAdmin from "@/messages/zh-HK/admin.json" with { type: "json" };
import zhAfmm from "@/messages/zh-HK/afmm.json" with { type: "json" };
import zhAfmmGovernance from "@/messages/zh-HK/afmmGovernance.json" with { type: "json" };
import zhAfmmReviews from "@/messages/zh-HK/afmmReviews.json" with { type: "json" };
import zhAuth from "@/messages/zh-HK/auth.json" with { type: "json" };
import zhCommon from "@/messages/zh-HK/common.json" with { type: "json" };
import zhComplaints from "@/messages/zh-HK/complaints.json" with { type: "json" };
import zhCompliance from "@/messages/zh-HK/compliance.json" with { type: "json" };
import zhComponents from "@/messages/zh-HK/components.json" with { type: "json" };
import zhDisclosures from "@/messages/zh-HK/disclosures.json" with { type: "json" };
import zhEducation from "@/messages/zh-HK/education.json" with { type: "json" };
import zhErrors from "@/messages/zh-HK/errors.json" with { type: "json" };
import zhHome from "@/messages/zh-HK/home.json" with { type: "json" };
import zhInbox from "@/messages/zh-HK/inbox.json" with { type: "json" };
import zhKnowledgeBase from "@/messages/zh-HK/knowledgeBase.json" with { type: "json" };
import zhIncidents from "@/messages/zh-HK/incidents.json" with { type: "json" };
import zhInstruments from "@/messages/zh-HK/instruments.json" with { type: "json" };
import zhLabels from "@/messages/zh-HK/labels.json" with { type: "json" };
import zhNav from "@/messages/zh-HK/nav.json" with { type: "json" };
import zhNotices from "@/messages/zh-HK/notices.json" with { type: "json" };
import zhOnboarding from "@/messages/zh-HK/onboarding.json" with { type: "json" };
import zhOversight from "@/messages/zh-HK/oversight.json" with { type: "json" };
import zhPortal from "@/messages/zh-HK/portal.json" with { type: "json" };
import zhRequirements from "@/messages/zh-HK/requirements.json" with { type: "json" };
import zhRiskGovernance from "@/messages/zh-HK/riskGovernance.json" with { type: "json" };
import zhCollateralGovernance from "@/messages/zh-HK/collateralGovernance.json" with { type: "json" };
import zhStressSuite from "@/messages/zh-HK/stressSuite.json" with { type: "json" };
import zhOrderProtection from "@/messages/zh-HK/orderProtection.json" with { type: "json" };
import zhTrading from "@/messages/zh-HK/trading.json" with { type: "json" };
import zhValidation from "@/messages/zh-HK/validation.json" with { type: "json" };

/**
 * The message catalogue, one JSON file per namespace and locale under messages/. English is complete and
 * is the type every key is checked against (lib/i18n/types.d.ts); a Traditional Chinese file may lack keys
 * not yet translated, which then show in English (`npm run i18n:untranslated` lists them).
 */
export const english = {
  account: enAccount,
  admin: enAdmin,
  afmm: enAfmm,
  afmmGovernance: enAfmmGovernance,
  afmmReviews: enAfmmReviews,
  auth: enAuth,
  common: enCommon,
  complaints: enComplaints,
  compliance: enCompliance,
  components: enComponents,
  disclosures: enDisclosures,
  education: enEducation,
  errors: enErrors,
  home: enHome,
  inbox: enInbox,
  knowledgeBase: enKnowledgeBase,
  incidents: enIncidents,
  instruments: enInstruments,
  labels: enLabels,
  nav: enNav,
  notices: enNotices,
  onboarding: enOnboarding,
  oversight: enOversight,
  portal: enPortal,
  requirements: enRequirements,
  riskGovernance: enRiskGovernance,
  collateralGovernance: enCollateralGovernance,
  stressSuite: enStressSuite,
  orderProtection: enOrderProtection,
  trading: enTrading,
  validation: enValidation,
};

export type Messages = typeof english;

/** Chinese entries, possibly partial: each namespace may hold any subset of the English keys. */
export const traditionalChinese: { [Namespace in keyof Messages]: DeepPartial<Messages[Namespace]> } = {
  account: zhAccount,
  admin: zhAdmin,
  afmm: zhAfmm,
  afmmGovernance: zhAfmmGovernance,
  afmmReviews: zhAfmmReviews,
  auth: zhAuth,
  common: zhCommon,
  complaints: zhComplaints,
  compliance: zhCompliance,
  components: zhComponents,
  disclosures: zhDisclosures,
  education: zhEducation,
  errors: zhErrors,
  home: zhHome,
  inbox: zhInbox,
  knowledgeBase: zhKnowledgeBase,
  incidents: zhIncidents,
  instruments: zhInstruments,
  labels: zhLabels,
  nav: zhNav,
  notices: zhNotices,
  onboarding: zhOnboarding,
  oversight: zhOversight,
  portal: zhPortal,
  requirements: zhRequirements,
  riskGovernance: zhRiskGovernance,
  collateralGovernance: zhCollateralGovernance,
  stressSuite: zhStressSuite,
  orderProtection: zhOrderProtection,
  trading: zhTrading,
  validation: zhValidation,
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };

// Merged once: the catalogue is fixed at build time, and every request (and every rendered service
// message) asks for it.
const chineseOverEnglish = mergeOver(english, traditionalChinese) as Messages;

export function messagesFor(locale: AppLocale): Messages {
  return locale === "en" ? english : chineseOverEnglish;
}

/** English underneath, the translation on top: an untranslated key reads in English rather than as its key. */
function mergeOver(base: unknown, over: unknown): unknown {
  if (typeof base !== "object" || base === null || typeof over !== "object" || over === null) return over ?? base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) merged[key] = mergeOver((base as Record<string, unknown>)[key], value);
  return merged;
}
