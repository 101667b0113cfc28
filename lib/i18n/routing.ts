import { defineRouting } from "next-intl/routing";

/**
 * English is the default and keeps unprefixed addresses (/disclosures), so links, bookmarks and the public
 * API documentation stay valid; Traditional Chinese for Hong Kong lives under /zh-HK. A visitor's choice is
 * remembered in the NEXT_LOCALE cookie, so an unprefixed link followed later leads back to the chosen language.
 */
export const routing = defineRouting({
  locales: ["en", "zh-HK"],
  defaultLocale: "en",
  localePrefix: "as-needed",
});

export type AppLocale = (typeof routing.locales)[number];

/** The `lang` attribute per locale: Hong Kong English and Traditional Chinese as written in Hong Kong. */
export const HTML_LANG: Record<AppLocale, string> = { en: "en-HK", "zh-HK": "zh-Hant-HK" };

/** Each language named in itself, for the language switch. */
export const LOCALE_NAMES: Record<AppLocale, string> = { en: "English", "zh-HK": "繁體中文" };
