import { expect, test, type Page } from "@playwright/test";
import { DEFAULT_ENGINE_CONFIG } from "../lib/engine/index";

// The public markets overview and market pages,
// with the index constituents, the mark price's recompute panel and the audit-trail downloads.

const MARKETS = DEFAULT_ENGINE_CONFIG.markets;
const BTC = MARKETS.find((market) => market.symbol === "BTC-PERP")!;

/** Open a market page once the engine has published a mark that can be recomputed. */
async function openMarket(page: Page, symbol: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto(`/disclosures/markets/${symbol}`);
        return page.getByTestId("recomputed-mark").count();
      },
      { timeout: 45_000, intervals: [1_000, 2_000, 3_000] },
    )
    .toBe(1);
}

test("DISC-1 / DISC-2: the overview lists every market with its figures and links to its page", { tag: "@smoke" }, async ({ page }) => {
  await expect
    .poll(
      async () => {
        await page.goto("/disclosures/markets");
        return page.getByTestId("overview-mark").allTextContents();
      },
      { timeout: 45_000, intervals: [1_000, 2_000, 3_000] },
    )
    .toEqual(MARKETS.map(() => expect.stringMatching(/^\d{1,3}(,\d{3})*\.\d+$/)));
  const table = page.getByRole("table", { name: /Every market/ });
  for (const market of MARKETS) {
    const row = table.locator(`tr[data-market="${market.symbol}"]`);
    await expect(row.getByRole("link", { name: market.symbol })).toBeVisible();
    // The market is the row header; the cells: last, mark, index, funding, predicted, next funding, open interest, 24 h volume
    const cells = row.getByRole("cell");
    await expect(cells.nth(0)).toHaveText(/\d/);
    await expect(cells.nth(2)).toHaveText(/\d/);
    await expect(cells.nth(3)).toHaveText(/%$/);
    await expect(cells.nth(4)).toHaveText(/%$/);
    await expect(cells.nth(5)).toHaveText(/in \d|due now/);
    await expect(cells.nth(6)).toContainText(market.baseAsset);
    await expect(cells.nth(7)).toContainText("USD");
  }
  await expect(table.locator('tr[data-market="BTC-PERP"]').getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  await table.getByRole("link", { name: "BTC-PERP" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("BTC-PERP");
});

test("DISC-1 / LIQ-3: a market page shows every index source and a recompute panel equal to the engine's mark", { tag: "@smoke" }, async ({ page }) => {
  await openMarket(page, "BTC-PERP");
  const sources = page.getByRole("table", { name: /Index constituents/ });
  for (const source of BTC.index.sources) {
    const row = sources.getByRole("row", { name: new RegExp(source.name) });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(4)).toHaveText(/^(included|clamped|excluded|not in this tick)$/);
  }
  await expect(page.getByRole("table", { name: "Index parameters" })).toContainText("Staleness timeout");
  const candidates = page.getByRole("table", { name: /three candidates/ });
  await expect(candidates.getByText(/the median: used|used \(fallback\)/)).toHaveCount(1);
  const panel = page.getByTestId("recompute");
  await expect(panel).toContainText("P1");
  await expect(panel.getByText("✓ identical")).toBeVisible();
  // Both figures are read in one evaluation: the panel re-renders on every live mark tick, so two
  // separate reads could straddle an update and compare two different ticks.
  const [recomputed, published] = await panel.evaluate((list) => [
    list.querySelector('[data-testid="recomputed-mark"]')?.textContent,
    list.querySelector('[data-testid="engine-mark"]')?.textContent,
  ]);
  expect(recomputed).toMatch(/ USD$/);
  expect(published).toBe(recomputed);
  await expect(page.getByText("Live", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
});

test("DISC-2: without JavaScript the market page is readable, consistent and the GET form downloads the trail", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, acceptDownloads: true });
  const page = await context.newPage();
  await openMarket(page, "BTC-PERP");
  await expect(page.getByText(/Snapshot when the page was served/)).toBeVisible();
  // One server render: the key figure, the engine's mark on the tick and the recomputation agree.
  const keyMark = (await page.getByTestId("key-mark").textContent())!.split("USD")[0] + "USD";
  expect(await page.getByTestId("recomputed-mark").textContent()).toBe(keyMark);
  await expect(page.getByRole("table", { name: /Index constituents/ }).getByRole("row")).toHaveCount(BTC.index.sources.length + 1);
  await expect(page.getByRole("table", { name: "Funding parameters" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Margin tiers/ }).getByRole("row")).toHaveCount(BTC.marginTiers.length + 1);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString("utf8").trimEnd().split("\n");
  expect(lines[0]).toContain("fundingRate,msToFunding,intervalMs,basisSumHalfTicks,basisCount");
  expect(lines.some((line) => line.split(",")[2] === "mark")).toBe(true);

  // The trail can be megabytes; parse the response itself rather than the page text, which Chromium
  // may still be rendering when the click returns.
  const [jsonResponse] = await Promise.all([
    page.waitForResponse((response) => response.url().includes("format=json")),
    page.getByRole("button", { name: "Open JSON" }).click(),
  ]);
  expect(jsonResponse.headers()["content-type"]).toContain("application/json");
  const body = (await jsonResponse.json()) as { records: unknown[] };
  expect(body.records.length).toBeGreaterThan(0);
  await context.close();
});

test("LIQ-3: the CSV and JSON trail links return every input of each mark tick in the window", async ({ page, request }) => {
  await openMarket(page, "BTC-PERP");
  const jsonHref = await page.getByTestId("trail-json").getAttribute("href");
  const csvHref = await page.getByTestId("trail-csv").getAttribute("href");
  const json = await request.get(jsonHref!);
  expect(json.status()).toBe(200);
  const body = (await json.json()) as { records: Array<{ kind: string; data: { inputs: Record<string, unknown> } }> };
  const marks = body.records.filter((record) => record.kind === "mark");
  expect(marks.length).toBeGreaterThan(0);
  expect(marks.at(-1)!.data.inputs).toMatchObject({
    fundingRate: expect.stringMatching(/^-?\d+$/),
    msToFunding: expect.any(Number),
    intervalMs: BTC.funding.intervalMs,
  });
  expect(body.records.some((record) => record.kind === "index")).toBe(true);
  const csv = await request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const rows = (await csv.text()).trimEnd().split("\n");
  expect(rows.length).toBeGreaterThan(1);
  expect(rows.filter((row) => row.split(",")[2] === "index_source").length).toBeGreaterThan(0);
});

test("DISC-2: funding history is public JSON with clear 400s and 404s", async ({ request }) => {
  const response = await request.get("/api/public/markets/BTC-PERP/funding");
  expect(response.status()).toBe(200);
  expect(response.headers()["ratelimit-limit"]).toBe("120");
  const body = (await response.json()) as { settlements: unknown[]; intervalMs: number; units: Record<string, string> };
  expect(Array.isArray(body.settlements)).toBe(true);
  expect(body.intervalMs).toBe(BTC.funding.intervalMs);
  expect(JSON.stringify(body)).not.toMatch(/accountId|transfers/);
  const bad = await request.get("/api/public/markets/BTC-PERP/funding?from=2000&to=1000");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe("to must be ≥ from");
  expect((await request.get("/api/public/markets/NOPE-PERP/funding")).status()).toBe(404);
});

test("an unknown market's page is a 404", async ({ page }) => {
  const response = await page.goto("/disclosures/markets/NOPE-PERP");
  expect(response?.status()).toBe(404);
});
