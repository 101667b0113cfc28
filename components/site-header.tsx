import Link from "next/link";
import { SiteNav } from "@/components/site-nav";

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="site-header__brand">
          <span className="site-header__name">HK Perps Disclosure &amp; Compliance Portal</span>
          <span className="site-header__tag">Demo environment</span>
        </Link>
        <SiteNav />
      </div>
    </header>
  );
}
