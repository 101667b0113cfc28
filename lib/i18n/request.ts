import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/lib/i18n/catalogue";
import { routing } from "@/lib/i18n/routing";

// Times are shown in UTC across the portal (lib/format), so the formatter does the same.
// The locale comes from the [locale] segment (the proxy rewrites unprefixed English addresses to /en/...).
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
