import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { AUDIENCES } from "@/components/site-map";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";

// An axe check of every public page passes with no serious or critical violation.
// The list comes from the site map (and one page per configured market), so a new public page is
// checked without anyone remembering to add it here.

const publicPages = [
  "/",
  ...AUDIENCES.find((audience) => audience.id === "disclosures")!.pages.map((page) => page.href),
  ...DEFAULT_ENGINE_CONFIG.markets.map((market) => `/disclosures/markets/${market.symbol}`),
];

for (const path of [...new Set(publicPages)]) {
  test(`${path} has no serious accessibility violation (axe, WCAG 2.1 AA)`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status(), `${path} answers`).toBe(200);
    await expect(page.locator("main")).toBeVisible();
    // Scan what a reader sees once the page has settled: scroll through it so the charts that load on
    // demand are drawn, then wait until no live part still says it is loading or connecting.
    for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) await page.mouse.wheel(0, 600);
    await expect(page.getByText(/^(Loading\b.*|Connecting\b.*)…$/)).toHaveCount(0, { timeout: 30_000 });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    const summary = serious.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(" | ")}`,
    );
    expect(summary, `axe violations on ${path}`).toEqual([]);
  });
}
