import Link from "next/link";
import { SiteNav } from "@/components/site-nav";
import { UserMenu, type SignedInUser } from "@/components/user-menu";

export function SiteHeader({ user }: { user: SignedInUser | null }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="site-header__brand">
          <span className="site-header__name">HK Perps Disclosure &amp; Compliance Portal</span>
          <span className="site-header__tag">Demo environment</span>
        </Link>
        <UserMenu user={user} />
        <SiteNav />
      </div>
    </header>
  );
}
