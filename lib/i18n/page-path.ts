/**
 * Which addresses are pages, which proxy.ts hands to next-intl's locale routing: route handlers, Next's
 * own files and the files of public/ (favicon.ico, robots.txt, manifest.webmanifest, the icons and
 * og-image.png: any last segment with a dot) have no language and are served as they are, never
 * redirected to a language prefix. Pure, so the rule is unit-tested (lib/public-files.test.ts).
 */
export function isPagePath(pathname: string): boolean {
  return !(
    pathname === "/api" ||
    pathname.startsWith("/api/") ||
    pathname.startsWith("/_next/") ||
    pathname.startsWith("/_vercel/") ||
    /\.[^/]*$/.test(pathname)
  );
}
