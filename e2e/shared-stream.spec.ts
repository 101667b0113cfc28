import { expect, test, type Page, type Request } from "@playwright/test";

// A browser allows six connections to a host. Each disclosure tab used to hold a stream per market,
// so a fourth tab never loaded. Now the tabs of a browser share one multiplexed stream: eight live
// tabs hold one connection between them, and a ninth page loads at once.

const LIVE_PAGES = [
  "/disclosures/markets",
  "/disclosures/markets/BTC-PERP",
  "/disclosures/markets/ETH-PERP",
  "/disclosures/insurance-fund",
  "/disclosures/adl",
  "/disclosures/trades",
  "/zh-HK/disclosures/markets/BTC-PERP",
  "/disclosures/methodology",
];

const isStream = (request: Request) => /\/api\/public\/(stream\?|markets\/[^/]+\/stream)/.test(request.url());

async function expectLive(page: Page) {
  await expect(page.getByText(/^(Live|即時)$/).first()).toBeVisible({ timeout: 30_000 });
}

test("DISC-2: eight disclosure tabs share one market stream, all live; a ninth page loads at once; closing the stream's tab hands it on", async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const context = await browser.newContext();
  const open = new Set<Request>();
  context.on("request", (request) => {
    if (isStream(request)) open.add(request);
  });
  context.on("requestfinished", (request) => open.delete(request));
  context.on("requestfailed", (request) => open.delete(request));
  // A closed tab's stream may end without an event: count only the streams of open tabs.
  const openStreams = () => [...open].filter((request) => !request.frame().page().isClosed());

  const pages: Page[] = [];
  for (const path of LIVE_PAGES) {
    const page = await context.newPage();
    await page.goto(path);
    pages.push(page);
  }
  for (const page of pages) await expectLive(page);
  // One connection for every market of every tab (two at most for a moment while it widens).
  await expect.poll(() => openStreams().length, { timeout: 15_000 }).toBe(1);
  expect(openStreams()[0].url()).toContain("/api/public/stream?markets=");

  const ninth = await context.newPage();
  const started = Date.now();
  await ninth.goto("/disclosures/parameters");
  await expect(ninth.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 10_000 });
  testInfo.annotations.push({ type: "ninth page", description: `heading visible after ${Date.now() - started} ms with eight live tabs` });
  await ninth.screenshot({ path: testInfo.outputPath("ninth-page.png") });

  // Every tab keeps receiving: the trade tape's newest trade changes while the tab does not hold the stream.
  const tape = pages[5];
  const newestTrade = () => tape.locator("table.data-table tbody tr td:last-child").first().textContent();
  const before = await newestTrade();
  await expect.poll(newestTrade, { timeout: 60_000 }).not.toBe(before);

  // The tab holding the stream closes: another takes the lock, opens the stream afresh, and the rest stay live.
  await pages[0].close();
  await expect.poll(() => openStreams().length, { timeout: 30_000 }).toBe(1);
  for (const page of pages.slice(1)) await expectLive(page);
  await context.close();
});
