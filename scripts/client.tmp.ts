import { chromium } from "@playwright/test";
import { demoUser, signInByApi } from "../e2e/auth-helpers";
import { formatLots, formatTicks } from "../lib/format";
const base = "http://localhost:3400";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ baseURL: base, storageState: await signInByApi(base, demoUser("CLIENT")) });
const page = await ctx.newPage();
page.on("pageerror", (e) => console.log("pageerror:", String(e).slice(0, 300)));
await page.goto("/portal/onboarding/risk-disclosures");
const ack = page.getByRole("form", { name: "Acknowledge the risk disclosure" });
if (await ack.count()) {
  await ack.getByRole("checkbox", { name: "I have read and understood" }).check();
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await page.waitForTimeout(2000);
}
await page.goto("/portal/positions");
const open = page.getByRole("button", { name: "Open simulated account" });
if (await open.count()) { await open.click(); await page.getByText("No deposits pending.").waitFor({ timeout: 30000 }); }
const view = async () => (await (await page.request.get("/api/portal/trading")).json()) as any;
const btc = (await view()).markets.find((m: any) => m.symbol === "BTC-PERP");
const lots = Math.floor(50_000 / Number(formatTicks(btc.mark, btc.tickSize, false)) / Number(btc.lotSize));
const ticket = page.getByRole("region", { name: "Order ticket" });
await ticket.getByRole("combobox", { name: "Market" }).selectOption("BTC-PERP");
await ticket.getByRole("radio", { name: "Sell (short)" }).check();
await ticket.getByRole("radio", { name: "Market", exact: true }).check();
await ticket.getByLabel(/^Size/).fill(formatLots(lots, btc.lotSize));
await ticket.getByRole("button", { name: "Place order" }).click();
await page.waitForTimeout(3000);
console.log(await ticket.getByRole("status").textContent());
console.log(JSON.stringify((await view()).account?.positions?.map((p: any) => [p.market, p.size])));
await browser.close();
