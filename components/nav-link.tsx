"use client";

import type { ReactNode } from "react";
import { Link, usePathname } from "@/lib/i18n/navigation";

/**
 * A link that marks itself current: aria-current="page" on its own page, and (with `section`)
 * aria-current="true" anywhere below it, so the header shows which audience's section you are in.
 * The pathname is the one without the language prefix, so it compares with the site map's hrefs.
 */
export function NavLink({ href, section = false, className, children }: { href: string; section?: boolean; className?: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href ? "page" : section && pathname.startsWith(`${href}/`) ? "true" : undefined;
  return (
    <Link href={href} className={className} aria-current={current}>
      {children}
    </Link>
  );
}
