import { expect, test } from "@playwright/test";
import { demoUser, signInByApi } from "./auth-helpers";

// Issue 4 pts 2 and 5: the live feed in the browser, its stale marker, and an administrator's
// stress scenario moving the market.

test("the market page follows the simulated market live over SSE (issue 4 pt 5, DISC-2)", async ({ page }, testInfo) => {
  await page.goto("/disclosures/markets/BTC-PERP");
  await expect(page.getByText("Live", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  const engineTime = page.getByText(/Engine time of the figures/);
  const first = await engineTime.textContent();
  await expect.poll(async () => engineTime.textContent(), { timeout: 20_000 }).not.toBe(first);
  await page.screenshot({ path: testInfo.outputPath(`markets-live-${testInfo.project.name}.png`), fullPage: true });
});

test("when the stream cannot connect the page says since when it is stale (issue 4 pt 5, DISC-2)", async ({ page }) => {
  await page.route("**/api/public/markets/*/stream", (route) => route.abort());
  await page.goto("/disclosures/markets/BTC-PERP");
  await expect(page.getByRole("main").getByText(/Stale: stream interrupted since .* reconnecting/)).toBeVisible({ timeout: 20_000 });
  await page.goto("/disclosures/markets");
  await expect(page.locator('tr[data-market="BTC-PERP"]').getByText(/Stale: reconnecting/)).toBeVisible({ timeout: 20_000 });
});

test("a stream refused by the rate limit (429, which ends an EventSource for good) is reopened and the page goes live again (issue 6 pts 10, 11)", async ({ page }) => {
  let refusals = 0;
  await page.route("**/api/public/markets/BTC-PERP/stream", async (route) => {
    if (refusals++ === 0) await route.fulfill({ status: 429, headers: { "Retry-After": "5" }, contentType: "application/json", body: '{"error":"rate limit exceeded"}' });
    else await route.continue();
  });
  await page.goto("/disclosures/markets/BTC-PERP");
  await expect(page.getByRole("main").getByText(/Stale: stream interrupted since/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Live", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  expect(refusals).toBeGreaterThanOrEqual(2);
});

test("the public stream and snapshot answer without sign-in; unknown markets get a clear 404 (issue 4 pt 5)", async ({ request }) => {
  const snapshot = await request.get("/api/public/markets/BTC-PERP/snapshot");
  expect(snapshot.status()).toBe(200);
  const body = await snapshot.json();
  expect(body.market).toBe("BTC-PERP");
  expect(body.id).toBeGreaterThan(0);
  const unknown = await request.get("/api/public/markets/DOGE-PERP/snapshot");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toContain("unknown market DOGE-PERP");
});

test("an administrator injects a flash crash; bad input is refused with the reason (issue 4 pt 2)", async ({ browser, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "embedded", "one server is enough for the admin flow");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL!, demoUser("ADMIN")) });
  const page = await context.newPage();
  await page.goto("/admin/scenarios");
  await expect(page.getByRole("heading", { name: "Stress scenarios" })).toBeVisible();

  await page.getByLabel("Parameters (JSON)").fill(JSON.stringify({ type: "flash-crash", market: "BTC-PERP", dropPct: 120, durationSec: 60 }));
  await page.getByLabel(/Reason/).fill("e2e: invalid input must be refused");
  await page.getByRole("button", { name: "Inject scenario" }).click();
  const form = page.getByRole("form", { name: "Inject a stress scenario" });
  await expect(form.getByRole("alert")).toContainText("dropPct");

  await page.getByLabel("Parameters (JSON)").fill(JSON.stringify({ type: "flash-crash", market: "BTC-PERP", dropPct: 20, durationSec: 30, recoverSec: 60 }));
  await page.getByRole("button", { name: "Inject scenario" }).click();
  await expect(form.getByRole("status")).toContainText("Injected flash-crash", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByRole("region", { name: /Scenario run/ }).first()).toContainText("flash-crash");
  await page.screenshot({ path: testInfo.outputPath("admin-scenarios.png"), fullPage: true });
  await context.close();
});
