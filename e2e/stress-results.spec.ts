import { expect, test } from "@playwright/test";
import { formatInteger, formatPpbPercent, formatUsdMicros } from "../lib/format";
import type { PublishedStress } from "../lib/risk/stress-settings";
import { getJson, shot } from "./risk-helpers";

// MRG-5 / DISC-1: the risk.stress job runs the standard stress suite on the parameters in force after
// the portal starts, and the methodology page publishes exactly what GET /api/public/stress gives.

test("MRG-5 / DISC-1: the methodology page shows the stress results for the parameters in force, as the API gives them, in both languages", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  let api: PublishedStress | undefined;
  // The job starts seconds after the portal and runs one market's suite at a time (seconds each).
  await expect
    .poll(
      async () => {
        api = await getJson<PublishedStress>(request, "/api/public/stress");
        return api.markets.length > 0 && api.markets.every((m) => m.status === "done") ? "done" : api.markets.map((m) => `${m.market}:${m.status}`).join(" ");
      },
      { timeout: 180_000, intervals: [1_000, 2_000, 5_000] },
    )
    .toBe("done");

  await page.goto("/disclosures/methodology");
  const section = page.getByTestId("stress-results");
  await expect(section.getByRole("heading", { level: 2, name: "Stress tests of the parameters in force" })).toBeVisible();
  for (const market of api!.markets) {
    const block = page.getByTestId(`stress-${market.market}`);
    await expect(block).toHaveAttribute("data-status", "done");
    await expect(block.getByTestId("stress-parameter-hash")).toHaveText(market.parameterHash);
    expect(market.parameterHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(block.getByTestId("stress-ran-at")).toContainText(market.result!.suiteVersion);
    const rows = block.locator("tbody tr");
    await expect(rows).toHaveCount(4);
    for (const scenario of market.result!.scenarios) {
      const row = block.getByTestId(`stress-row-${scenario.id}`);
      await expect(row.getByTestId("stress-divergence")).toHaveText(formatPpbPercent(String(scenario.maxMarkIndexDivergencePpb), 2));
      await expect(row.getByTestId("stress-liquidations")).toHaveText(formatInteger(scenario.liquidations));
      await expect(row.getByTestId("stress-fund-draw")).toHaveText(`${formatUsdMicros(scenario.insuranceFundDraw, 0)} USD`);
    }
    await expect(block.getByTestId("stress-row-flash_crash").locator("th")).toHaveText("Flash crash");
    await expect(block.getByTestId("stress-scenario-single_source_manipulation")).toContainText(market.result!.scenarios[0].venues[0]);
  }
  await shot(page, "methodology-stress-en", testInfo);
  await section.screenshot({ path: testInfo.outputPath("stress-section-en.png") });

  await page.goto("/zh-HK/disclosures/methodology");
  await expect(page.getByRole("heading", { level: 2, name: "現行參數的壓力測試" })).toBeVisible();
  await expect(page.getByTestId("stress-row-stablecoin_depeg").first().locator("th")).toHaveText("穩定幣脫鈎");
  await expect(page.getByTestId("stress-scenario-flash_crash").first()).toContainText("閃崩");
  await page.getByTestId("stress-results").screenshot({ path: testInfo.outputPath("stress-section-zh.png") });
});
