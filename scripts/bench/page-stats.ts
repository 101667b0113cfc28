/**
 * Pure helpers of the public-pages bench (scripts/bench/public-pages.ts): which routes to load,
 * the statistics reported, and the static peer document. No IO, so they are unit-tested.
 */

/** Nearest-rank percentile (p in 0..100): an observed value, never an interpolation between loads. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be between 0 and 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The public routes: the public section's pages from the site map, one page per configured market,
 * and the home page (also open to everyone). In site-map order, without duplicates.
 */
export function publicRoutes(sitePages: readonly { href: string }[], marketSymbols: readonly string[]): string[] {
  const english = [...new Set(["/", ...sitePages.map((page) => page.href), ...marketSymbols.map((symbol) => `/disclosures/markets/${symbol}`)])];
  // Every page in Traditional Chinese too: its catalogue travels with its pages, so its weight is measured, not assumed.
  return [...english, ...english.map((route) => (route === "/" ? "/zh-HK" : `/zh-HK${route}`))];
}

/** A route as a dotted-name segment: `/disclosures/trades` → `disclosures/trades`, `/` → `home`. */
export function routeLabel(route: string): string {
  return route === "/" ? "home" : route.replace(/^\//, "");
}

/**
 * The peer of a page: the same server-rendered document with every script removed (external,
 * inline and preloads), so the browser paints exactly the same markup and stylesheets with no
 * JavaScript to fetch, parse or hydrate. Stylesheet links stay: the peer server serves them too.
 */
export function staticPeerHtml(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*>/gi, (tag) => (/\bas="script"|\brel="modulepreload"/i.test(tag) ? "" : tag));
}

/** Hrefs of the document's stylesheet links, so the peer server can serve the same files. */
export function stylesheetHrefs(html: string): string[] {
  const hrefs: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel="stylesheet"/i.test(tag)) continue;
    const href = /\bhref="([^"]+)"/i.exec(tag)?.[1];
    if (href) hrefs.push(href.replaceAll("&amp;", "&"));
  }
  return [...new Set(hrefs)];
}
