"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { getPathname } from "@/lib/i18n/navigation";

/** Posts to next-auth's sign-out endpoint (with its CSRF token), which also revokes the server-side session. */
export function SignOutButton() {
  const t = useTranslations("nav.userMenu");
  const locale = useLocale();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="button button--quiet"
      disabled={pending || !hydrated}
      onClick={() => {
        setPending(true);
        // The sign-in page the reader lands on stays in their language.
        const callbackUrl = getPathname({ href: { pathname: "/sign-in", query: { reason: "signed-out" } }, locale });
        // Loaded on click: the header is on every page, and next-auth's client (~13 kB gzipped)
        // would otherwise be downloaded by every visitor, most of whom are not signed in.
        import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl })).catch(() => setPending(false));
      }}
    >
      {pending ? t("signingOut") : t("signOut")}
    </button>
  );
}
