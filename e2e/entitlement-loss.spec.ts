import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { formatTicks } from "../lib/format";
import { createPrismaClient } from "../lib/prisma-client";
import type { TradingView } from "../lib/wire/portal-trading";
import { serverOf } from "./servers";
import { clientReadyToTrade } from "./test-users";

/**
 * PI-1, PI-7, PI-8: losing the perps entitlement reaches the venue. Each test has its own client
 * (clientReadyToTrade), who opens a small long and rests an opening buy below the market.
 */

async function tradingView(page: Page): Promise<TradingView> {
  const response = await page.request.get("/api/portal/trading");
  expect(response.status()).toBe(200);
  return (await response.json()) as TradingView;
}

async function placeOrder(
  page: Page,
  order: { side: "Buy (long)" | "Sell (short)"; type: "Limit" | "Market"; price?: string; size: string; reduceOnly?: boolean },
) {
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await ticket.getByRole("combobox", { name: "Market" }).selectOption("BTC-PERP");
  await ticket.getByRole("radio", { name: order.side }).check();
  await ticket.getByRole("radio", { name: order.type, exact: true }).check();
  if (order.type === "Limit") await ticket.getByLabel("Limit price (USD)").fill(order.price ?? "");
  await ticket.getByLabel(/^Size/).fill(order.size);
  await ticket.getByRole("checkbox", { name: "Reduce-only" }).setChecked(order.reduceOnly ?? false);
  await ticket.getByRole("button", { name: "Place order" }).click();
  return ticket;
}

/** A long of 0.010 BTC and an opening buy of 0.010 BTC resting at 96 % of the mark (inside the price band); returns the resting order's id. */
async function longWithRestingBuy(page: Page): Promise<number> {
  let ticket = await placeOrder(page, { side: "Buy (long)", type: "Market", size: "0.01" });
  await expect(ticket.getByRole("status")).toContainText(/accepted: buy 0\.010 BTC BTC-PERP at market\. Filled 0\.010 BTC/);
  const btc = (await tradingView(page)).markets.find((market) => market.symbol === "BTC-PERP")!;
  ticket = await placeOrder(page, {
    side: "Buy (long)",
    type: "Limit",
    price: formatTicks(Math.floor((btc.mark * 96) / 100), btc.tickSize, false),
    size: "0.01",
  });
  await expect(ticket.getByRole("status")).toContainText("0.010 BTC resting on the book.");
  const orders = (await tradingView(page)).account!.openOrders;
  expect(orders).toHaveLength(1);
  return orders[0].orderId;
}

/** The test harness writes the server's own database: the client's status lapses now, as time passing would make it. */
async function expireStatus(testInfo: TestInfo, email: string): Promise<void> {
  const server = serverOf(testInfo);
  const prisma = createPrismaClient(server.databaseUrl, server.schema);
  try {
    const { id } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await prisma.onboardingCase.update({ where: { userId: id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  } finally {
    await prisma.$disconnect();
  }
}

/** After losing access: a new buy is refused with the reason, a reduce-only sell passes, and the page says reduce-only. */
async function onlyReducing(page: Page, reason: RegExp): Promise<void> {
  let ticket = await placeOrder(page, { side: "Buy (long)", type: "Market", size: "0.001" });
  await expect(ticket.getByRole("alert")).toContainText(reason);
  ticket = await placeOrder(page, { side: "Sell (short)", type: "Market", size: "0.005", reduceOnly: true });
  await expect(ticket.getByRole("status")).toContainText(/accepted: sell 0\.005 BTC BTC-PERP at market, reduce-only\. Filled 0\.005 BTC/);
  const position = (await tradingView(page)).account!.positions.find((candidate) => candidate.market === "BTC-PERP");
  expect(position?.size, "0.010 BTC long less the 0.005 BTC reduce-only sell").toBe(5);
  await page.reload();
  await expect(page.getByRole("region", { name: "Your access to perpetual contracts" })).toContainText("Reduce-only.");
}

test("PI-8, PI-1: an expired client's resting order is cancelled and a new buy refused while a reduce-only sell passes", async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const { client, context, page } = await clientReadyToTrade(browser, testInfo, baseURL!);
  const restingId = await longWithRestingBuy(page);

  await expireStatus(testInfo, client.email);
  // Nobody acts: the recurring reconciliation (every few seconds) puts the account in reduce-only and cancels the opening buy.
  await expect
    .poll(async () => (await tradingView(page)).account!.openOrders.map((order) => order.orderId), { timeout: 45_000, intervals: [1_000] })
    .not.toContain(restingId);
  await expect(page.getByText("No orders resting on the book.")).toBeVisible();
  await onlyReducing(page, /Your professional-investor status expired on \d{4}-\d\d-\d\d: only reduce-only orders are accepted/);
  await page.screenshot({ path: testInfo.outputPath("expired-reduce-only.png"), fullPage: true });
  await context.close();
});

test("PI-7: a client withdraws consent from the portal: confirmation first, then at once the opening order is cancelled, buys are refused and a reduce-only sell passes", async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const { context, page } = await clientReadyToTrade(browser, testInfo, baseURL!);
  const restingId = await longWithRestingBuy(page);

  await page.getByRole("link", { name: "Withdraw consent to professional-investor treatment" }).click();
  await expect(page.getByRole("heading", { name: "Withdraw consent to professional-investor treatment", level: 1 })).toBeVisible();
  await expect(page.getByText("Your resting orders that could increase a position are cancelled at once")).toBeVisible();
  const form = page.getByRole("form", { name: "Withdraw consent" });
  // Without the confirmation nothing changes.
  await form.getByRole("button", { name: "Withdraw my consent" }).click();
  await expect(page.getByText("Tick the box to confirm that you withdraw your consent; nothing was changed.")).toBeVisible();
  expect((await tradingView(page)).account!.openOrders.map((order) => order.orderId)).toContain(restingId);

  await page.getByRole("checkbox", { name: /I withdraw my consent/ }).check();
  await page.getByRole("button", { name: "Withdraw my consent" }).click();
  await expect(page.getByText("Your consent is withdrawn.")).toBeVisible();
  // At once: no waiting for the recurring job.
  expect((await tradingView(page)).account!.openOrders).toEqual([]);
  await page.goto("/portal/positions");
  await onlyReducing(page, /You withdrew your consent to being treated as a professional investor on \d{4}-\d\d-\d\d/);
  await page.goto("/portal/inbox");
  await expect(page.getByText("You withdrew your consent to professional-investor treatment").first()).toBeVisible();
  await context.close();
});
