import type { Messages } from "@/lib/i18n/catalogue";
import type { routing } from "@/lib/i18n/routing";

// Every t("key") is checked against the English catalogue at compile time.
declare module "next-intl" {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: Messages;
  }
}
