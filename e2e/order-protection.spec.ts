import { expect, test, type Page } from "@playwright/test";
import type { TradingView } from "../lib/wire/portal-trading";
import { clientReadyToTrade } from "./test-users";

/**
 * DISC-1 / ORD fat-finger protection, as a client meets it on the order ticket: the price band is
 * shown beside the price, the engine's estimate (fill, margin used, liquidation price after) appears
 * before the order is sent, and a limit sell at 1.0 USD is refused with the band in the message and
 * changes nothing. Its own client (clientReadyToTrade), so it runs beside the other trading specs.
 */

async function tradingView(page: Page): Promise<TradingView> {
  const response = await page.request.get("/api/portal/trading");
  expect(response.status()).toBe(200);
  return (await response.json()) as TradingView;
}

test("DISC-1, ORD: the ticket shows the band and the estimate before sending; a 1.0 USD sell is refused with the band and nothing changes", async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(150_000);
  const { context, page } = await clientReadyToTrade(browser, testInfo, baseURL!);
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await ticket.getByRole("combobox", { name: "Market" }).selectOption("BTC-PERP");

  // The band the engine enforces, beside the price field.
  await expect(ticket.getByText(/Limit prices must be within 5% of mark: [\d,]+\.\d – [\d,]+\.\d USD/)).toBeVisible();

  // A market buy of 0.5 BTC: before sending, the engine's estimate.
  await ticket.getByRole("radio", { name: "Buy (long)" }).check();
  await ticket.getByRole("radio", { name: "Market", exact: true }).check();
  await expect(ticket.getByText(/A market order fills at most 2% from mark/)).toBeVisible();
  await ticket.getByLabel(/^Size/).fill("0.5");
  const preview = ticket.getByRole("region", { name: "Before you send" });
  const figures = preview.getByTestId("order-preview");
  await expect(figures).toContainText(/Estimated fill\s*0\.500 BTC at an average [\d,]+\.\d USD/, { timeout: 15_000 });
  await expect(figures).toContainText("Initial margin it uses");
  await expect(preview.getByTestId("preview-margin")).toHaveText(/^[1-9][\d,]*\.\d\d USD$/);
  await expect(preview.getByTestId("preview-liquidation")).toHaveText(/^[\d,]+\.\d USD$|none in range/);
  await page.screenshot({ path: testInfo.outputPath("order-preview-market.png"), fullPage: true });

  // The fat finger: a limit sell at 1.0 USD. The estimate already says the engine would refuse it.
  await ticket.getByRole("radio", { name: "Sell (short)" }).check();
  await ticket.getByRole("radio", { name: "Limit", exact: true }).check();
  await ticket.getByLabel("Limit price (USD)").fill("1.0");
  await ticket.getByLabel(/^Size/).fill("0.01");
  await expect(preview.getByTestId("preview-refusal")).toContainText("PRICE_OUTSIDE_BAND", { timeout: 15_000 });
  await expect(preview.getByTestId("preview-refusal")).toContainText(/The limit price 1\.0 USD is outside the price band/);

  const before = (await tradingView(page)).account!;
  await ticket.getByRole("button", { name: "Place order" }).click();
  const alert = ticket.getByRole("alert");
  await expect(alert).toContainText("Your order was refused; nothing was placed.");
  await expect(alert).toContainText("PRICE_OUTSIDE_BAND");
  await expect(alert).toContainText("Pre-trade check: price band");
  await expect(alert).toContainText(
    /The limit price 1\.0 USD is outside the price band: prices must be within 5% of the mark price [\d,]+\.\d USD, that is [\d,]+\.\d – [\d,]+\.\d USD\./,
  );
  await expect(alert).toContainText(/limit price 1\.0 USD is outside the price band: prices must be within 5% of mark \d+\.\d USD: \d+\.\d – \d+\.\d USD/);
  await page.screenshot({ path: testInfo.outputPath("order-refused-band.png"), fullPage: true });

  // Nothing changed: no position, no resting order, the same cash.
  const after = (await tradingView(page)).account!;
  expect(after.positions).toEqual(before.positions);
  expect(after.openOrders).toEqual([]);
  expect(after.cash).toBe(before.cash);

  // The same refusal in Traditional Chinese.
  const btc = (await tradingView(page)).markets.find((market) => market.symbol === "BTC-PERP")!;
  expect(btc.priceBand).not.toBeNull();
  await page.goto("/zh-HK/portal/positions");
  const zhTicket = page.locator("section[aria-labelledby=order-ticket]");
  await expect(zhTicket.getByText(/限價必須在標記價格的 5% 以內/)).toBeVisible();
  await context.close();
});
