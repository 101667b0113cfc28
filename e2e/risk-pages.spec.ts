import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { formatPpbPercentExact, formatUsdMicrosExact, formatUtc } from "../lib/format";
import { formatParameterValue } from "../lib/parameter-format";
import { getJson, shot } from "./risk-helpers";

// Margin/liquidation methodology, eligible collateral, ADL
// likelihood, the parameter registry and change log, and their public API.

interface Tier {
  tier: number;
  floorNotional: string;
  capNotional: string;
  maxLeverage: number;
  initialMarginRate: string;
  maintenanceMarginRate: string;
  maintenanceAmount: string;
}
interface Methodology {
  configHash: string;
  markets: Array<{ spec: { symbol: string; marginTiers: Tier[]; liquidation: { closeOut?: string } }; live: { mark: number | null } }>;
  collateral: { assets: Array<{ assetId: string; haircutRate: string }> };
}

/** Wait until the simulation has marks in every market, so live figures exist. */
async function marketsReady(request: APIRequestContext): Promise<Methodology> {
  let answer: Methodology | undefined;
  await expect
    .poll(
      async () => {
        answer = await getJson<Methodology>(request, "/api/public/methodology");
        return answer.markets.every((market) => market.live.mark !== null && market.live.mark > 0) ? "ready" : "no marks yet";
      },
      { timeout: 45_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe("ready");
  return answer!;
}

test("MRG-1 / DISC-1: the methodology shows each market's margin tiers as the API (engine) has them, and the configuration hash the API gives", async ({
  page,
  request,
}, testInfo) => {
  const api = await marketsReady(request);
  await page.goto("/disclosures/methodology");
  await expect(page.getByRole("heading", { level: 1, name: "Margin, liquidation and default management" })).toBeVisible();
  for (const market of api.markets) {
    const rows = page.getByTestId(`tiers-${market.spec.symbol}`).getByTestId("tier-row");
    await expect(rows).toHaveCount(market.spec.marginTiers.length);
    for (const [i, tier] of market.spec.marginTiers.entries()) {
      await expect(rows.nth(i).locator("th, td")).toHaveText([
        String(tier.tier),
        formatUsdMicrosExact(tier.floorNotional),
        formatUsdMicrosExact(tier.capNotional),
        `${tier.maxLeverage}x`,
        formatPpbPercentExact(tier.initialMarginRate),
        formatPpbPercentExact(tier.maintenanceMarginRate),
        formatUsdMicrosExact(tier.maintenanceAmount),
      ]);
    }
  }
  // DISC-1: page data hash = engine config hash, from both public endpoints.
  const parameters = await getJson<{ configHash: string; journalConfigHash: string }>(request, "/api/public/parameters");
  await expect(page.getByTestId("config-hash")).toHaveText(api.configHash);
  expect(parameters.configHash).toBe(api.configHash);
  expect(parameters.journalConfigHash).toBe(api.configHash);
  // LIQ-1: the default-management steps in their order, with live figures.
  await expect(page.getByTestId("waterfall-step")).toHaveCount(6);
  expect(await page.getByTestId("waterfall-step").evaluateAll((steps) => steps.map((step) => step.getAttribute("data-stage")))).toEqual([
    "cancel_orders",
    "book",
    "backstop",
    "insurance_fund",
    "adl",
    "residual",
  ]);
  await expect(page.getByTestId("live-backstop-remaining")).toHaveText(/USD$/);
  // LIQ-1: the liquidation rule, stated from each market's configuration: full close-out, the default.
  const rule = page.getByTestId("liquidation-rule");
  expect(api.markets.map((market) => market.spec.liquidation.closeOut)).toEqual(api.markets.map(() => "full"));
  for (const market of api.markets) await expect(page.getByTestId(`liquidation-rule-${market.spec.symbol}`)).toHaveAttribute("data-rule", "full");
  await expect(rule).toHaveAttribute("data-rule", "full");
  await expect(rule).toContainText("A position in default is closed in full.");
  await expect(page.locator('[data-testid="waterfall-step"][data-stage="book"]')).toContainText("it goes on until the whole position is closed");
  await rule.scrollIntoViewIfNeeded();
  await shot(page, "methodology", testInfo);
});

test("DISC-10: the eligible-collateral page lists the engine's registry with its haircuts", async ({ page, request }, testInfo) => {
  const api = await getJson<Methodology>(request, "/api/public/methodology");
  await page.goto("/disclosures/methodology/collateral");
  const rows = page.getByTestId("collateral-row");
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-asset")))).toEqual(api.collateral.assets.map((asset) => asset.assetId));
  await expect(page.getByTestId("collateral-haircut")).toHaveText(api.collateral.assets.map((asset) => formatPpbPercentExact(asset.haircutRate)));
  await expect(page.getByText("USDT", { exact: true })).toBeVisible();
  await shot(page, "collateral", testInfo);
});

test("DISC-5: the ADL page shows each market's distance to ADL, its risk level as the API gives it, and a chart", async ({ page, request }, testInfo) => {
  const api = await marketsReady(request);
  await page.goto("/disclosures/adl");
  for (const market of api.markets) {
    const symbol = market.spec.symbol;
    const panel = page.getByTestId(`adl-panel-${symbol}`);
    await expect(panel.getByTestId("adl-down")).toHaveText(/%|not within the modelled range/);
    await expect(panel.getByTestId("adl-up")).toHaveText(/%|not within the modelled range/);
    await expect(panel.getByTestId("adl-coverage")).not.toBeEmpty();
    // The charts draw on load, without scrolling to them: two panels per market.
    await expect(panel.getByTestId("adl-chart").locator(".uplot")).toHaveCount(2, { timeout: 15_000 });
    // Two lines per chart (drawn on a canvas, so count the series the chart wrapper gave the plots).
    await expect
      .poll(async () =>
        panel
          .getByTestId("adl-chart")
          .locator("[data-series]")
          .evaluateAll((plots) => plots.reduce((sum, plot) => sum + Number(plot.getAttribute("data-series")), 0)),
      )
      .toBe(4);
    // Same rule as the API: the level on the page is the engine's (re-read until both saw the same state).
    await expect
      .poll(async () => {
        const answer = await getJson<{ adl: { indicator: { level: string } | null } }>(request, `/api/public/markets/${symbol}/adl`);
        const shown = (await panel.getByTestId("adl-level").textContent())?.replace("ADL risk: ", "").toLowerCase();
        return shown === answer.adl?.indicator?.level ? "same" : `page ${shown}, api ${answer.adl?.indicator?.level}`;
      })
      .toBe("same");
  }
  await expect(page.getByTestId("adl-thresholds").getByRole("row")).toHaveCount(api.markets.length + 1);
  await shot(page, "adl", testInfo);
});

test("with the stream down the ADL page stays readable and says the figures are stale", async ({ page }, testInfo) => {
  await page.route(/\/api\/public\/stream\?/, (route) => route.abort());
  await page.goto("/disclosures/adl");
  await expect(page.getByRole("status").filter({ hasText: "Stale: stream interrupted since" }).first()).toBeVisible();
  await expect(page.locator("[data-testid^=adl-panel-]").first().getByTestId("adl-down")).not.toBeEmpty();
  await shot(page, "adl-stale", testInfo);
});

test("DISC-1: the registry shows every parameter with its value and effective time, and filters without JavaScript", async ({ browser, request }) => {
  const api = await getJson<{
    genesisMs: number;
    markets: Array<{ symbol: string; tickSize: string; lotSize: string; baseAsset: string }>;
    parameters: Array<{ path: string; value: unknown; unit: string; effectiveFromMs: number }>;
  }>(request, "/api/public/parameters?market=BTC-PERP");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/disclosures/parameters?market=BTC-PERP");
  const rows = page.getByTestId("registry-BTC-PERP").getByTestId("parameter-row");
  await expect(rows).toHaveCount(api.parameters.length);
  for (const path of ["fees.takerFeeRate", "marginTiers[1].maintenanceAmount", "liquidation.insuranceFundFloor", "adlRisk.stressMove"]) {
    const parameter = api.parameters.find((row) => row.path === path)!;
    const row = page.locator(`[data-testid=parameter-row][data-path="${path}"]`);
    await expect(row.getByTestId("parameter-value")).toHaveText(
      formatParameterValue(
        parameter.value,
        parameter.unit,
        path,
        api.markets.find((m) => m.symbol === "BTC-PERP"),
      ),
    );
    await expect(row.getByTestId("parameter-effective")).toHaveText(formatUtc(parameter.effectiveFromMs));
  }
  // The filter is a plain form: it works with JavaScript off.
  await page.getByLabel("Market").selectOption("ETH-PERP");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/market=ETH-PERP/);
  await expect(page.getByTestId("registry-ETH-PERP")).toBeVisible();
  await expect(page.getByTestId("registry-BTC-PERP")).toHaveCount(0);
  await context.close();
  const bad = await request.get("/api/public/parameters?scope=fees");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: "scope must be one of platform, market, collateral" });
  expect((await request.get("/api/public/parameters?market=NO-SUCH")).status()).toBe(404);
});

test("the risk pages have no serious or critical accessibility violations", async ({ page, request }) => {
  // axe over the full registry (hundreds of rows) takes a while on a loaded machine.
  test.setTimeout(120_000);
  await marketsReady(request);
  for (const path of ["/disclosures/methodology", "/disclosures/methodology/collateral", "/disclosures/adl", "/disclosures/parameters"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${path}: ${violation.id} (${violation.nodes.length}) ${violation.help}`)).toEqual([]);
  }
});
