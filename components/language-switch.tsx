"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Link, usePathname } from "@/lib/i18n/navigation";
import { LOCALE_NAMES, routing } from "@/lib/i18n/routing";

/** The same page in the other language; following it also remembers the choice (next-intl's locale cookie). */
export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const current = useLocale();
  const pathname = usePathname();
  const query = Object.fromEntries(useSearchParams());
  return (
    <nav className="language-switch" aria-label={t("label")}>
      {routing.locales.map((locale) =>
        locale === current ? (
          <span key={locale} aria-current="true" lang={locale}>
            {LOCALE_NAMES[locale]}
          </span>
        ) : (
          <Link key={locale} href={{ pathname, query }} locale={locale} lang={locale} hrefLang={locale}>
            {LOCALE_NAMES[locale]}
          </Link>
        ),
      )}
    </nav>
  );
}
