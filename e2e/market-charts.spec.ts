import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEFAULT_ENGINE_CONFIG } from "../lib/engine/index";

// The public charts draw on load, without scrolling to them, and each has its text alternative:
// the market page's price, open-interest and funding histories, the insurance-fund balance and the
// ADL curves. Nothing here scrolls: each check ends by asserting the page is still at its top.

const SYMBOL = DEFAULT_ENGINE_CONFIG.markets[0].symbol;

/** Open a market page once the engine has published a mark (so the history has minutes). */
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

/** The plot was given at least one value (a single one is drawn as a dot) and its canvas is on screen. */
async function expectDrawn(figure: Locator): Promise<void> {
  await expect.poll(async () => plotSum(figure, "data-plotted"), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(figure.locator(".uplot canvas")).toBeVisible();
}

/** A number the chart wrapper writes on its plot box (components/charts/uplot-chart.tsx), summed over the plots in `scope`; 0 before any is drawn. */
async function plotSum(scope: Locator, attribute: "data-plotted" | "data-series"): Promise<number> {
  return scope.locator(`[${attribute}]`).evaluateAll((plots, name) => plots.reduce((sum, plot) => sum + Number(plot.getAttribute(name)), 0), attribute);
}

async function expectNotScrolled(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

test("DISC-2: the market page draws its price, open-interest and funding histories on load, each with a text alternative", async ({ page }) => {
  await openMarket(page, SYMBOL);

  const price = page.getByTestId("price-history");
  await expectDrawn(price);
  // Three lines: mark, index and last traded price (the legend names them; its first row is the time under the pointer).
  await expect(price.locator(".u-legend .u-series:not(:first-child)")).toHaveCount(3);
  await expect(price.getByTestId("chart-summary")).toContainText("Mark price: first");
  await expect(price.getByTestId("chart-summary")).toContainText("USD");
  await expect(price.locator("details table tbody tr").first()).toBeAttached();

  const openInterest = page.getByTestId("open-interest-history");
  await expectDrawn(openInterest);
  await expect(openInterest.getByTestId("chart-summary")).toContainText("Open interest: first");

  // Funding: a chart once the market has settled funding in the window; the table says so otherwise.
  const funding = page.getByTestId("funding-history-chart");
  if ((await funding.count()) > 0) {
    await expectDrawn(funding);
    await expect(funding.getByTestId("chart-summary")).toContainText("settled rates");
  } else {
    await expect(page.getByText(/No funding settlement/i)).toBeAttached();
  }
  // All three drew on load: nothing had to be scrolled into view (the clicks below may scroll).
  await expectNotScrolled(page);

  // Live: the newest minute of the price table follows the stream, so it meets the key figure's mark.
  await expect
    .poll(
      async () => {
        const newest = (await price.locator("details table tbody tr").first().locator("td").first().textContent())?.trim();
        const mark = (await page.getByTestId("key-mark").textContent())?.trim() ?? "";
        return mark.startsWith(newest ?? "—") ? "same" : `table ${newest}, key figure ${mark}`;
      },
      { timeout: 20_000 },
    )
    .toBe("same");

  // Another window is read from the minutes API and drawn the same way.
  await price.getByRole("button", { name: "24 hours" }).click();
  await expect(price.getByRole("button", { name: "24 hours" })).toHaveAttribute("aria-pressed", "true");
  await expectDrawn(price);
  await expect(price.getByTestId("chart-summary")).toContainText("Mark price: first");
});

test("DISC-4: the insurance-fund chart draws from the first ledger line, with its summary", async ({ page }) => {
  await page.goto("/disclosures/insurance-fund");
  for (const market of DEFAULT_ENGINE_CONFIG.markets) {
    const chart = page.getByTestId(`insurance-chart-${market.symbol}`);
    // A market whose fund has no ledger line yet says so instead of drawing.
    if ((await chart.count()) === 0) continue;
    await expectDrawn(chart);
    await expect(chart.getByTestId("chart-summary")).toContainText(`${market.symbol} insurance fund balance after`);
  }
  await expect(page.getByText("Not enough ledger lines")).toHaveCount(0);
  await expectNotScrolled(page);
});

test("DISC-5: the ADL curves draw on load without scrolling, each with its summary", async ({ page }) => {
  await page.goto("/disclosures/adl");
  for (const market of DEFAULT_ENGINE_CONFIG.markets) {
    const charts = page.getByTestId(`adl-panel-${market.symbol}`).getByTestId("adl-chart");
    // A market without a mark price has no curve yet.
    if ((await charts.count()) === 0) continue;
    await expect(charts.locator(".uplot")).toHaveCount(2, { timeout: 20_000 });
    // Two lines per chart (a flat line has no height, so count the series given to the plots).
    await expect.poll(async () => plotSum(charts, "data-series")).toBe(4);
    await expect(charts.getByTestId("chart-summary")).toHaveCount(2);
    await expect(charts.getByTestId("chart-summary").first()).toContainText("Where ADL begins");
  }
  await expectNotScrolled(page);
});
