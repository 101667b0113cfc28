import { expect, test, type Browser, type Page } from "@playwright/test";
import { fillScenarioParameters } from "./risk-helpers";
import { formatLots, formatTicks } from "../lib/format";
import type { TradingView } from "../lib/wire/portal-trading";
import { clientReadyToTrade, sessionOf } from "./test-users";

// A flash crash injected by an administrator visibly moves the public insurance
// fund, the trade tape and the ADL indicators — each page is open in the browser while it happens.
// The spec brings its own victim: an approved client opens a leveraged long through the portal's
// order ticket, so the crash has something to liquidate however long the engine has been running.

interface InsuranceApi {
  markets: Array<{ symbol: string; balance: string; history: Array<{ seq: number; reason?: string }> }>;
}

/** Times the client's equity the long should be worth: a 40 % fall takes a 4x long past bankruptcy (25 %). */
const LEVERAGE = 4;

async function openLeveragedLong(browser: Browser, testInfo: Parameters<typeof clientReadyToTrade>[1], baseURL: string) {
  const { context, page } = await clientReadyToTrade(browser, testInfo, baseURL);
  const view = async () => (await (await page.request.get("/api/portal/trading")).json()) as TradingView;
  const btc = (await view()).markets.find((market) => market.symbol === "BTC-PERP")!;
  const equityUsd = 100_000;
  const targetLots = Math.floor((LEVERAGE * equityUsd) / Number(formatTicks(btc.mark, btc.tickSize, false)) / Number(btc.lotSize));
  const ticket = page.getByRole("region", { name: "Order ticket" });
  const answer = ticket.getByRole("status");
  // Market orders fill against what the book holds; after another spec's stress scenario it may be
  // thin, so buy until the long is as large as intended (each answer names its own order id).
  let lastAnswer = "";
  await expect(async () => {
    const held = (await view()).account?.positions.find((candidate) => candidate.market === "BTC-PERP")?.size ?? 0;
    const missing = targetLots - held;
    if (missing >= btc.minSizeLots) {
      await ticket.getByRole("combobox", { name: "Market" }).selectOption("BTC-PERP");
      await ticket.getByRole("radio", { name: "Buy (long)" }).check();
      await ticket.getByRole("radio", { name: "Market", exact: true }).check();
      await ticket.getByLabel(/^Size/).fill(formatLots(Math.min(missing, btc.maxOrderLots), btc.lotSize));
      await ticket.getByRole("button", { name: "Place order" }).click();
      await expect(answer).toContainText(/^Order \d+ accepted: buy .* at market\./);
      await expect(answer).not.toHaveText(lastAnswer);
      lastAnswer = (await answer.textContent()) ?? "";
    }
    const now = await view();
    const position = now.account!.positions.find((candidate) => candidate.market === "BTC-PERP");
    const mark = now.markets.find((market) => market.symbol === "BTC-PERP")!.mark;
    expect(position?.bankruptcyPrice ?? 0, "a 40 % fall passes the long's bankruptcy price").toBeGreaterThan(mark * 0.6);
  }).toPass({ timeout: 90_000, intervals: [1_000] });
  return context;
}

async function injectCrash(page: Page, parameters: Record<string, unknown>) {
  await page.goto("/admin/scenarios");
  await fillScenarioParameters(page, parameters);
  await page.getByLabel(/Reason/).fill("e2e: flash crash moves the public disclosures");
  await page.getByRole("button", { name: "Inject scenario" }).click();
  await expect(page.getByRole("form", { name: "Inject a stress scenario" }).getByRole("status")).toContainText("Injected flash-crash", { timeout: 30_000 });
}

test("DISC-3 / DISC-4 / DISC-5: a flash crash moves the insurance fund, the tape and the ADL indicators on the open pages", async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const victim = await openLeveragedLong(browser, testInfo, baseURL!);
  const context = await browser.newContext();
  const fundPage = await context.newPage();
  await fundPage.goto("/disclosures/insurance-fund");
  const fundRegion = fundPage.getByRole("region", { name: "BTC-PERP" });
  const ledgerRows = fundRegion.getByRole("table").locator("tbody tr");
  await expect(ledgerRows.first()).toBeVisible({ timeout: 20_000 });
  const ledgerBefore = await ledgerRows.count();
  const balanceCell = fundRegion.locator("dt", { hasText: /^Balance$/ }).locator("xpath=following-sibling::dd[1]");
  const balanceBefore = await balanceCell.textContent();

  const tapePage = await context.newPage();
  await tapePage.goto("/disclosures/trades");
  await tapePage.getByLabel("Only liquidation, backstop or ADL trades").check();
  const riskCells = tapePage.getByRole("table").locator("tbody td", { hasText: /Liquidation|Backstop|ADL/ });
  const riskBefore = await riskCells.count();

  const adlPage = await context.newPage();
  await adlPage.goto("/disclosures/adl");
  const adlPanel = adlPage.getByTestId("adl-panel-BTC-PERP");
  await expect(adlPanel).toHaveAttribute("data-seq", /^\d+$/, { timeout: 20_000 });
  // The two figures that only liquidations move (the mark and the distances move all the time).
  const adlFigures = () =>
    adlPanel.evaluate((element) =>
      [...element.querySelectorAll("dt")]
        .filter((term) => /^(Insurance fund available above its floor|Backstop capacity remaining)/.test(term.textContent ?? ""))
        .map((term) => term.nextElementSibling?.textContent ?? "")
        .join(" | "),
    );
  const adlBefore = await adlFigures();

  const before = (await (await request.get("/api/public/insurance-fund")).json()) as InsuranceApi;
  const btcBefore = before.markets.find((market) => market.symbol === "BTC-PERP")!;

  const admin = await browser.newContext({ storageState: await sessionOf(testInfo, "ADMIN") });
  await injectCrash(await admin.newPage(), { type: "flash-crash", market: "BTC-PERP", dropPct: 40, durationSec: 20, recoverSec: 60 });

  await expect
    .poll(
      async () => {
        const now = (await (await request.get("/api/public/insurance-fund")).json()) as InsuranceApi;
        return now.markets.find((market) => market.symbol === "BTC-PERP")!.balance;
      },
      { timeout: 120_000, message: "the crash liquidated positions and the fund paid or earned" },
    )
    .not.toBe(btcBefore.balance);
  await expect(balanceCell, "the open insurance-fund page moved with it").not.toHaveText(balanceBefore ?? "", { timeout: 20_000 });
  await expect.poll(() => ledgerRows.count(), { timeout: 20_000 }).toBeGreaterThan(ledgerBefore);
  await expect.poll(() => riskCells.count(), { timeout: 20_000, message: "liquidation trades appeared on the open tape" }).toBeGreaterThan(riskBefore);

  expect(adlBefore).toContain("USD");
  await expect.poll(adlFigures, { timeout: 20_000, message: "the open ADL page's indicators moved" }).not.toBe(adlBefore);

  await adlPage.screenshot({ path: testInfo.outputPath("crash-adl.png"), fullPage: true });
  await fundPage.screenshot({ path: testInfo.outputPath("crash-insurance-fund.png"), fullPage: true });
  await tapePage.screenshot({ path: testInfo.outputPath("crash-trade-tape.png"), fullPage: true });
  await admin.close();
  await victim.close();
  await context.close();
});
