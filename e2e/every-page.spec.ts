import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { TOPICS } from "../app/[locale]/learn/topics";
import { AUDIENCES, pagesFor, type Viewer } from "../components/site-map";
import type { Role } from "../lib/auth/permissions";
import { DEFAULT_ENGINE_CONFIG } from "../lib/engine/index";
import { ACCESS_MATRIX, type RouteEntry } from "./access-matrix";
import { clientReadyToTrade, sessionOf } from "./test-users";

/**
 * Every page each reader can open, in English and under /zh-HK:
 * - on a phone (390 × 844) the document is never wider than the screen: tables scroll inside their own
 *   box, long words wrap, the header and forms wrap;
 * - at desktop width axe finds no serious or critical WCAG 2.1 A/AA violation.
 *
 * The pages come from the site map (pagesFor, the lists the navigation itself shows), plus one page per
 * configured market, the education guides, and the pages the site map does not list (sign-in, complaints,
 * account, admin, onboarding steps) as e2e/access-matrix.ts grants them. A signed-in reader is checked on
 * the home page (their header) and the pages only signed-in readers open; the public pages themselves are
 * the signed-out reader's. One test per reader and language walks its pages and reports every problem.
 *
 * Pages of one record (an incident, a complaint, a review, a risk disclosure version…) have no fixed
 * address: while walking, the first link the reader is shown to each such route is followed too, so
 * they are checked with real records.
 *
 * E2E_SCREENSHOTS=1 keeps a full-page screenshot of every page at both widths in the test's output.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };
const LOCALES = [
  { id: "en", prefix: "", settling: /^(Loading\b.*|Connecting\b.*)…$/ },
  { id: "zh-HK", prefix: "/zh-HK", settling: /^正在(載入|連線).*…$/ },
] as const;
const READERS: readonly ("signed out" | Role)[] = ["signed out", "CLIENT", "COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AUDITOR", "ADMIN", "AFMM_TRADER"];

/** Pages that are addresses to read (not API routes, files or placeholders for a record). */
const isPlainPage = (entry: RouteEntry) => !entry.route.startsWith("/api/") && !/\.(json|pdf)$/.test(entry.route) && !entry.route.includes("[");

function pagesOf(reader: (typeof READERS)[number]): string[] {
  const viewer: Viewer = reader === "signed out" ? null : [reader];
  const siteMap = AUDIENCES.flatMap((entry) => pagesFor(entry, viewer));
  const listed = new Set(AUDIENCES.flatMap((entry) => entry.pages.map((page) => page.href)));
  const notListed = ACCESS_MATRIX.filter((entry) => isPlainPage(entry) && !listed.has(entry.route));
  if (viewer === null) {
    const unlisted = notListed.filter((entry) => entry.access === "public").map((entry) => entry.sample);
    return unique([
      "/",
      ...siteMap.map((page) => page.href),
      ...DEFAULT_ENGINE_CONFIG.markets.map((market) => `/disclosures/markets/${market.symbol}`),
      ...TOPICS.map((topic) => `/learn/${topic.slug}`),
      ...unlisted,
    ]);
  }
  const restricted = siteMap.filter((page) => page.permission !== undefined).map((page) => page.href);
  const unlisted = notListed
    .filter((entry) => entry.access === "signed-in" || (Array.isArray(entry.access) && entry.access.includes(reader as Role)))
    .map((entry) => entry.sample);
  return unique(["/", ...restricted, ...unlisted]);
}

const unique = (hrefs: string[]) => [...new Set(hrefs)];

/** The routes of one record (a `[param]` segment), as patterns matching a link's path. */
const RECORD_ROUTES = ACCESS_MATRIX.filter((entry) => isRecordPage(entry)).map((entry) => ({
  route: entry.route,
  pattern: new RegExp(`^${entry.route.replace(/\[[^\]]+\]/g, "[^/?#]+")}$`),
}));

function isRecordPage(entry: RouteEntry): boolean {
  return !entry.route.startsWith("/api/") && !/\.(json|pdf)$/.test(entry.route) && entry.route.includes("[") && !entry.route.includes("[...");
}

/** Links on the page to a record route not yet covered: the first link per route, without the locale prefix. */
async function recordLinks(page: Page, prefix: string, covered: Set<string>): Promise<string[]> {
  const paths = await page.locator("main a[href^='/']").evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  const found: string[] = [];
  for (const raw of paths) {
    const path = prefix && raw.startsWith(`${prefix}/`) ? raw.slice(prefix.length) : raw;
    const route = RECORD_ROUTES.find((candidate) => candidate.pattern.test(path))?.route;
    if (!route || covered.has(route)) continue;
    covered.add(route);
    found.push(path);
  }
  return found;
}

for (const reader of READERS) {
  for (const locale of LOCALES) {
    test(`as ${reader}, in ${locale.id}: every page fits a 390 px phone and passes axe (WCAG 2.1 AA)`, async ({ browser }, testInfo) => {
      const hrefs = pagesOf(reader);
      test.setTimeout(60_000 + hrefs.length * 30_000);
      const context = await browser.newContext({
        viewport: PHONE,
        storageState: reader === "signed out" ? undefined : await sessionOf(testInfo, reader),
      });
      const page = await context.newPage();
      const failures: string[] = [];
      // Market pages and guides are listed by address already; other records are found by their links.
      const covered = new Set(["/disclosures/markets/[symbol]", "/learn/[topic]"]);
      const queue = [...hrefs];
      try {
        for (let i = 0; i < queue.length; i++) {
          const href = queue[i];
          const url = href === "/" ? locale.prefix || "/" : `${locale.prefix}${href}`;
          try {
            failures.push(...(await checkPage(page, url, locale.settling, testInfo)));
            queue.push(...(await recordLinks(page, locale.prefix, covered)));
          } catch (error) {
            failures.push(`${url}: ${(error as Error).message.split("\n")[0]}`);
          }
        }
      } finally {
        await context.close();
      }
      testInfo.annotations.push({ type: "record pages", description: queue.slice(hrefs.length).join(", ") || "none linked" });
      expect(failures, `${queue.length} pages as ${reader} in ${locale.id}`).toEqual([]);
    });
  }
}

// The demo client may have no account yet when the test above runs: a client holding a position sees the
// positions page at its widest (the positions table, open orders, fills and the order ticket).
test("a client holding a position: the positions page fits a 390 px phone and passes axe, in both languages", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const { context, page } = await clientReadyToTrade(browser, testInfo, baseURL!);
  try {
    const ticket = page.getByRole("region", { name: "Order ticket" });
    await ticket.getByRole("combobox", { name: "Market" }).selectOption("BTC-PERP");
    await ticket.getByRole("radio", { name: "Buy (long)" }).check();
    await ticket.getByRole("radio", { name: "Market", exact: true }).check();
    await ticket.getByLabel(/^Size/).fill("2");
    await ticket.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByRole("table", { name: /Open positions/ }).getByRole("row", { name: /^BTC-PERP Long/ })).toBeVisible();
    const failures: string[] = [];
    for (const locale of LOCALES) {
      failures.push(...(await checkPage(page, `${locale.prefix}/portal/positions`, locale.settling, testInfo)));
      // On the phone the key columns (market, size, mark, liquidation price, P&L: the first five) show without scrolling the table.
      await page.setViewportSize(PHONE);
      const table = page.locator("table.table--positions");
      await table.scrollIntoViewIfNeeded();
      const pnl = await table.getByRole("columnheader").nth(4).boundingBox();
      const box = await page.locator(".table-wrap", { has: table }).boundingBox();
      if (!pnl || !box || pnl.x + pnl.width > box.x + box.width)
        failures.push(`${locale.prefix}/portal/positions: the P&L column ends at ${pnl ? Math.round(pnl.x + pnl.width) : "?"} px, past the table's box`);
      await page.screenshot({ path: testInfo.outputPath(`${locale.id}-positions-table-390.png`) });
    }
    expect(failures).toEqual([]);
  } finally {
    await context.close();
  }
});

async function checkPage(page: Page, url: string, settling: RegExp, testInfo: TestInfo): Promise<string[]> {
  const failures: string[] = [];
  await page.setViewportSize(PHONE);
  const response = await page.goto(url);
  if (response?.status() !== 200) return [`${url}: answered ${response?.status()}`];
  await expect(page.locator("main")).toBeVisible();
  await settle(page, settling);

  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) {
    const culprits = await page.evaluate(widestElements, PHONE.width);
    failures.push(`${url}: ${width} px wide at ${PHONE.width} px — ${culprits.join("; ")}`);
    await page.screenshot({ path: testInfo.outputPath(`${slug(url)}-390.png`), fullPage: true });
  } else if (process.env.E2E_SCREENSHOTS) {
    await page.screenshot({ path: testInfo.outputPath(`${slug(url)}-390.png`), fullPage: true });
  }

  await page.setViewportSize(DESKTOP);
  await settle(page, settling);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: testInfo.outputPath(`${slug(url)}-1280.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  for (const violation of results.violations.filter((found) => found.impact === "serious" || found.impact === "critical")) {
    const nodes = violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(" "))
      .join(" | ");
    failures.push(`${url}: axe ${violation.id} (${violation.impact}, ${violation.nodes.length}×): ${violation.help} — ${nodes}`);
  }
  return failures;
}

/** Scroll through the page so charts that load on demand are drawn, then wait until nothing says it is loading. */
async function settle(page: Page, settling: RegExp): Promise<void> {
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) await page.mouse.wheel(0, 600);
  await page.mouse.wheel(0, -1e6);
  await expect(page.getByText(settling)).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Runs in the page: the elements reaching past the screen's right edge that no scrolling box contains,
 * deepest first (the ones that push the page wide, not their ancestors), described briefly.
 */
function widestElements(limit: number): string[] {
  // An absolutely positioned element escapes a scrolling ancestor that is not its containing block: count it.
  const clipped = (element: Element): boolean => {
    if (getComputedStyle(element).position === "absolute" || getComputedStyle(element).position === "fixed") return false;
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden" || overflow === "clip") return true;
    }
    return false;
  };
  const over = [...document.body.querySelectorAll("*")].filter((element) => element.getBoundingClientRect().right > limit + 0.5 && !clipped(element));
  const overSet = new Set(over);
  const deepest = over.filter((element) => ![...element.children].some((child) => overSet.has(child)));
  const describe = (element: Element) => {
    const rect = element.getBoundingClientRect();
    const id = element.id ? `#${element.id}` : "";
    const classes = typeof element.className === "string" && element.className ? `.${element.className.trim().split(/\s+/).join(".")}` : "";
    const testId = element.getAttribute("data-testid") ? `[data-testid=${element.getAttribute("data-testid")}]` : "";
    const text = (element.textContent ?? "").trim().slice(0, 30);
    return `${element.tagName.toLowerCase()}${id}${classes}${testId} right ${Math.round(rect.right)} width ${Math.round(rect.width)}${text ? ` "${text}"` : ""}`;
  };
  const outermost = over.filter((element) => !overSet.has(element.parentElement!));
  return [
    ...outermost.slice(0, 2).map((element) => `outer ${describe(element)}`),
    ...deepest
      .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
      .slice(0, 3)
      .map(describe),
  ];
}

const slug = (url: string) => url.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "") || "home";
