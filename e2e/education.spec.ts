import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { calculatorMarket, calculatorMarketWire, liquidationCalculation } from "../lib/education/calculators";
import type { MarketSpec } from "../lib/engine/index";
import { formatTicks } from "../lib/format";
import { canonicalText, currentVersion, RISK_DISCLOSURE_VERSIONS } from "../lib/suitability/risk-disclosures";
import type { Wire } from "../lib/wire/plain";
import { getJson } from "./risk-helpers";

// The public risk disclosure statement with its version history, and the education hub's calculators.

const PAGE = "/disclosures/risk-disclosure";
/** SHA-256 of a version's canonical text, computed here independently of the page. */
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

test("DISC-8: the risk disclosure statement in effect is public in English, with its version, date and the hash acknowledgements record", async ({ page }) => {
  const current = currentVersion(RISK_DISCLOSURE_VERSIONS, new Date())!;
  const response = await page.goto(PAGE);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Risk disclosure statement" })).toBeVisible();
  await expect(page.getByTestId("disclosure-version").first()).toHaveText(current.id);
  await expect(page.getByTestId("disclosure-hash").first()).toHaveText(sha256(canonicalText(current)));
  await expect(page.getByRole("heading", { name: current.title })).toBeVisible();
  await expect(page.locator("article.risk-disclosure")).toHaveAttribute("lang", "en");
});

test("DISC-8: the same statement in Traditional Chinese under /zh-HK, with the same hash", async ({ page }) => {
  const current = currentVersion(RISK_DISCLOSURE_VERSIONS, new Date())!;
  const chinese = current.translations?.["zh-HK"];
  await page.goto(`/zh-HK${PAGE}`);
  await expect(page.getByRole("heading", { level: 1, name: "風險披露聲明" })).toBeVisible();
  await expect(page.getByTestId("disclosure-hash").first()).toHaveText(sha256(canonicalText(current)));
  if (chinese) {
    await expect(page.getByRole("heading", { name: chinese.title })).toBeVisible();
    await expect(page.locator("article.risk-disclosure")).toHaveAttribute("lang", "zh-HK");
  }
});

test("DISC-8: the version history lists every version with its date and hash, and each old version reads as published", async ({ page }) => {
  await page.goto(PAGE);
  const history = page.getByRole("table", { name: "Versions of the risk disclosure statement" });
  await expect(history.getByRole("row")).toHaveCount(RISK_DISCLOSURE_VERSIONS.length + 1);
  for (const version of RISK_DISCLOSURE_VERSIONS) {
    const row = history.getByRole("row").filter({ hasText: version.id });
    await expect(row).toContainText(sha256(canonicalText(version)));
  }
  const first = RISK_DISCLOSURE_VERSIONS[0];
  await history.getByRole("link", { name: `Read version ${first.id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/disclosures/risk-disclosure/v/${first.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Risk disclosure statement, version ${first.id}` })).toBeVisible();
  await expect(page.getByTestId("disclosure-hash")).toHaveText(sha256(canonicalText(first)));
  await expect(page.getByRole("heading", { name: first.title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Read the version in effect" })).toBeVisible();

  await page.goto(`/zh-HK${PAGE}/v/${first.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `風險披露聲明（版本 ${first.id}）` })).toBeVisible();
  expect((await page.goto(`${PAGE}/v/no-such-version`))?.status()).toBe(404);
});

test("DISC-8 / EDU-1: the disclosures navigation links the statement and the education hub", async ({ page }) => {
  await page.goto("/disclosures");
  const nav = page.getByRole("navigation", { name: "Public disclosures pages" });
  await expect(nav.getByRole("link", { name: "Risk disclosure" })).toHaveAttribute("href", PAGE);
  await nav.getByRole("link", { name: "Learn: guides and calculators" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Learn: perpetual contracts on this platform" })).toBeVisible();
  await page.getByRole("link", { name: "How liquidation works here" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How liquidation works here" })).toBeVisible();
});

test("EDU-1: the liquidation calculator shows the engine's liquidation price for typed figures, and refuses bad input field by field", async ({
  page,
  request,
}) => {
  const methodology = await getJson<{ markets: Array<{ spec: Wire<MarketSpec> }> }>(request, "/api/public/methodology");
  const btc = calculatorMarket(calculatorMarketWire(methodology.markets.find((m) => m.spec.symbol === "BTC-PERP")!.spec));
  const expected = liquidationCalculation(btc, { side: "long", size: "1", entryPrice: "60000", collateral: "5000" });
  if (!expected.ok || expected.result.liquidationTicks === null) throw new Error("the example has no liquidation price");

  await page.goto("/learn/liquidation");
  await page.getByLabel("Market").selectOption("BTC-PERP");
  await page.getByLabel("Side").selectOption("long");
  await page.getByLabel("Size (BTC)").fill("1");
  await page.getByLabel("Entry price (USD)").fill("60000");
  await page.getByLabel("Collateral (USD)").fill("5000");
  await page.getByRole("button", { name: "Calculate" }).click();
  await expect(page.getByTestId("liquidation-price")).toContainText(`${formatTicks(expected.result.liquidationTicks, btc.tickSize)} USD`);
  await expect(page.getByTestId("liquidation-price")).toContainText("at or below this price");

  await page.getByLabel("Size (BTC)").fill("1,000");
  await page.getByLabel("Entry price (USD)").fill("60000.05");
  await page.getByLabel("Collateral (USD)").fill("abc");
  await page.getByRole("button", { name: "Calculate" }).click();
  await expect(page.getByTestId("liquidation-calculator-result")).toContainText("nothing was calculated");
  await expect(page.getByLabel("Size (BTC)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Leave out thousands separators.")).toBeVisible();
  await expect(page.getByText(`Must be a whole multiple of ${btc.tickSize}.`)).toBeVisible();
  await expect(page.getByText(/Enter a plain decimal number/)).toBeVisible();
  await expect(page.getByTestId("liquidation-price")).toHaveCount(0);
});

test("EDU-1: the hub and a guide in Traditional Chinese", async ({ page }) => {
  await page.goto("/zh-HK/learn");
  await expect(page.getByRole("heading", { level: 1, name: "學習：本平台的永續合約" })).toBeVisible();
  await page.goto("/zh-HK/learn/funding");
  await expect(page.getByRole("heading", { level: 1, name: "資金費用" })).toBeVisible();
  await expect(page.getByRole("button", { name: "計算" })).toBeVisible();
});
