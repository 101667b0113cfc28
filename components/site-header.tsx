import { useTranslations } from "next-intl";
import { Suspense } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { SiteNav } from "@/components/site-nav";
import { UserMenu, type SignedInUser } from "@/components/user-menu";
import { Link } from "@/lib/i18n/navigation";

export function SiteHeader({ user }: { user: SignedInUser | null }) {
  const t = useTranslations("common.site");
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="site-header__brand">
          <span className="site-header__name">{t("name")}</span>
          <span className="site-header__tag">{t("tag")}</span>
        </Link>
        <Suspense>
          <LanguageSwitch />
        </Suspense>
        <UserMenu user={user} />
        <SiteNav viewer={user?.roles ?? null} />
      </div>
    </header>
  );
}
