import { createNavigation } from "next-intl/navigation";
import { routing } from "@/lib/i18n/routing";

/** Locale-aware Link, redirect and router: links keep the reader's language without a round trip. */
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
