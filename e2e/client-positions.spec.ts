import { expect, test, type Page } from "@playwright/test";
import { formatTicks } from "../lib/format";
import type { TradingView } from "../lib/wire/portal-trading";
import { sessionOf } from "./test-users";

/**
 * The demo client's account on the simulated venue, driven through the page as a
 * client would. One account is opened and used throughout, so the tests run in order.
 */
test.describe.configure({ mode: "serial" });

async function tradingView(page: Page): Promise<TradingView> {
  const response = await page.request.get("/api/portal/trading");
  expect(response.status()).toBe(200);
  return (await response.json()) as TradingView;
}

async function placeOrder(
  page: Page,
  order: { market: string; side: "Buy (long)" | "Sell (short)"; type: "Limit" | "Market"; price?: string; size: string; reduceOnly?: boolean },
) {
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await ticket.getByRole("combobox", { name: "Market" }).selectOption(order.market);
  await ticket.getByRole("radio", { name: order.side }).check();
  await ticket.getByRole("radio", { name: order.type, exact: true }).check();
  if (order.type === "Limit") await ticket.getByLabel("Limit price (USD)").fill(order.price ?? "");
  await ticket.getByLabel(/^Size/).fill(order.size);
  await ticket.getByRole("checkbox", { name: "Reduce-only" }).setChecked(order.reduceOnly ?? false);
  await ticket.getByRole("button", { name: "Place order" }).click();
  return ticket;
}

test("COL-2, LIQ-5: the demo client opens the account; orders rest, fill and are refused with the failed check explained", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "CLIENT") });
  const page = await context.newPage();
  await page.goto("/portal/positions");
  await expect(page.getByRole("heading", { name: "Positions", level: 1 })).toBeVisible();
  await expect(page.getByText("This is a simulated venue.")).toBeVisible();

  await page.getByRole("button", { name: "Open simulated account" }).click();
  await expect(page.getByRole("heading", { name: /^Account \d{7,}$/ })).toBeVisible();
  const pendingTable = page.getByRole("table", { name: "Deposits awaiting confirmation" });
  await expect(pendingTable.getByRole("row", { name: /USD 100,000\.00 100,000\.00/ })).toBeVisible();

  // COL-2: the demo deposit is pending, so it does not count yet.
  let ticket = await placeOrder(page, { market: "BTC-PERP", side: "Buy (long)", type: "Market", size: "0.01" });
  await expect(ticket.getByRole("alert")).toContainText("COLLATERAL_NOT_RECEIVED");
  await expect(ticket.getByRole("alert")).toContainText("Pre-trade check: collateral received (COL-2)");
  await expect(ticket.getByRole("alert")).toContainText("pending deposits never count");
  await page.screenshot({ path: testInfo.outputPath("positions-pending-refused.png"), fullPage: true });

  // The simulated confirmation settles it; the live figures follow without a reload.
  await expect(page.getByText("No deposits pending.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Settled collateral with haircut and value" }).getByRole("row", { name: /USD cash 100,000\.00/ })).toBeVisible();

  // A limit buy below the market (inside the 5 % price band) rests on the book.
  const btc = (await tradingView(page)).markets.find((market) => market.symbol === "BTC-PERP")!;
  const restingPrice = formatTicks(Math.floor((btc.mark * 96) / 100), btc.tickSize, false);
  ticket = await placeOrder(page, { market: "BTC-PERP", side: "Buy (long)", type: "Limit", price: restingPrice, size: "0.01" });
  await expect(ticket.getByRole("status")).toContainText(/accepted: buy 0\.010 BTC BTC-PERP limit .* Nothing filled yet\. 0\.010 BTC resting on the book\./);
  const openOrders = page.getByRole("table", { name: "Your orders resting on the book" });
  await expect(
    openOrders.getByRole("row", {
      name: new RegExp(`BTC-PERP Buy ${formatTicks(Math.floor((btc.mark * 96) / 100), btc.tickSize).replaceAll(".", "\\.")} 0\\.010 BTC`),
    }),
  ).toBeVisible();

  // A market buy fills and opens a position with the engine's entry, liquidation, bankruptcy and ADL figures.
  ticket = await placeOrder(page, { market: "BTC-PERP", side: "Buy (long)", type: "Market", size: "2" });
  await expect(ticket.getByRole("status")).toContainText(/accepted: buy 2\.000 BTC BTC-PERP at market\. Filled [\d.]+ BTC at /);
  const positions = page.getByRole("table", { name: /Open positions/ });
  const row = positions.getByRole("row", { name: /^BTC-PERP Long/ });
  await expect(row).toBeVisible();
  const view = await tradingView(page);
  const position = view.account!.positions.find((candidate) => candidate.market === "BTC-PERP")!;
  expect(position.size).toBeGreaterThan(0);
  expect(position.liquidationPrice, "a leveraged long has a liquidation price").toBeGreaterThan(0);
  expect(position.bankruptcyPrice).toBeGreaterThan(0);
  expect(position.adlLights).toBeGreaterThanOrEqual(1);
  expect(position.adlLights).toBeLessThanOrEqual(5);
  const cells = row.getByRole("cell");
  // Entry, liquidation and bankruptcy prices do not move with the mark for a single-market account.
  // Cells after the market: size, mark, liquidation price, P&L (what a phone shows first), entry, bankruptcy price, ….
  await expect(cells.nth(4)).toHaveText(formatTicks(position.averageEntry, btc.tickSize));
  await expect(cells.nth(2)).toHaveText(formatTicks(position.liquidationPrice, btc.tickSize));
  await expect(cells.nth(5)).toHaveText(formatTicks(position.bankruptcyPrice, btc.tickSize));
  await expect(cells.nth(9)).toHaveText(/^[1-5] of 5$/);
  await expect(positions.getByRole("columnheader", { name: "ADL light" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("positions-with-position.png"), fullPage: true });

  // Oversize: the initial-margin check refuses it and says why.
  ticket = await placeOrder(page, { market: "BTC-PERP", side: "Buy (long)", type: "Limit", price: restingPrice, size: "100" });
  await expect(ticket.getByRole("alert")).toContainText("Your order was refused; nothing was placed.");
  await expect(ticket.getByRole("alert")).toContainText("Pre-trade check: initial margin (COL-2)");
  await expect(ticket.getByRole("alert")).toContainText("INSUFFICIENT_MARGIN");
  await expect(ticket.getByRole("alert")).toContainText("covers the initial margin of all your positions and open orders");
  // The ticket keeps what was submitted.
  await expect(ticket.getByLabel(/^Size/)).toHaveValue("100");

  // Reduce-only with no ETH position to reduce.
  ticket = await placeOrder(page, { market: "ETH-PERP", side: "Sell (short)", type: "Market", size: "1", reduceOnly: true });
  await expect(ticket.getByRole("alert")).toContainText("REDUCE_ONLY_WOULD_INCREASE");
  await expect(ticket.getByRole("alert")).toContainText("There is no position in this market for this order to reduce.");
  await page.screenshot({ path: testInfo.outputPath("positions-reduce-only-refused.png"), fullPage: true });

  // Off-tick input never reaches the engine: the field says what would be valid.
  ticket = await placeOrder(page, { market: "BTC-PERP", side: "Buy (long)", type: "Limit", price: "60000.05", size: "0.01" });
  await expect(ticket.getByText("The price 60000.05 USD is not a multiple of 0.1 USD; use e.g. 60000.0 or 60000.1.")).toBeVisible();
  await expect(ticket.getByLabel("Limit price (USD)")).toHaveAttribute("aria-invalid", "true");

  // Cancel the resting order.
  const orderId = view.account!.openOrders[0].orderId;
  await openOrders.getByRole("button", { name: `Cancel order ${orderId}` }).click();
  await expect(page.getByRole("region", { name: "Open orders" }).getByRole("status")).toContainText(`Order ${orderId} cancelled`);
  await expect(page.getByText("No orders resting on the book.")).toBeVisible();

  // When the account can no longer be read, the figures stay and are marked stale.
  await expect(page.getByText(/^Live · engine time/)).toBeVisible();
  await page.route("**/api/portal/trading", (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "engine restarting" }) }),
  );
  await expect(page.getByText(/^Stale since \d\d:\d\d:\d\d UTC: engine restarting\. Retrying$/)).toBeVisible({ timeout: 10_000 });
  await expect(row).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("positions-stale.png"), fullPage: true });
  await context.close();
});

test("without JavaScript the page shows the server-rendered figures and the forms still work", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await sessionOf(testInfo, "CLIENT") });
  const page = await context.newPage();
  await page.goto("/portal/positions");
  await expect(page.getByRole("heading", { name: /^Account \d{7,}$/ })).toBeVisible();
  await expect(page.getByText(/^Figures as of .* UTC \(engine time\)$/)).toBeVisible();
  await expect(page.getByRole("table", { name: /Open positions/ }).getByRole("row", { name: /^BTC-PERP Long/ })).toBeVisible();
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await ticket.getByRole("combobox", { name: "Market" }).selectOption("ETH-PERP");
  await ticket.getByRole("radio", { name: "Sell (short)" }).check();
  await ticket.getByRole("radio", { name: "Market", exact: true }).check();
  await ticket.getByLabel(/^Size/).fill("1");
  await ticket.getByRole("checkbox", { name: "Reduce-only" }).check();
  await ticket.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("region", { name: "Order ticket" }).getByRole("alert")).toContainText("REDUCE_ONLY_WOULD_INCREASE");
  await context.close();
});

test("a non-client role cannot reach the positions page or the account data", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "COMPLIANCE_OFFICER") });
  const page = await context.newPage();
  const response = await page.goto("/portal/positions");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.request.get("/api/portal/trading")).status()).toBe(403);
  await context.close();
});
