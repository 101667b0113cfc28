import { expect, test } from "@playwright/test";

// The live feed in the browser and its stale marker (the administrator's stress
// scenario moving the market is in scenario-injection.spec.ts, which runs with the market movers).

test("the market page follows the simulated market live over SSE (DISC-2)", { tag: "@smoke" }, async ({ page }, testInfo) => {
  await page.goto("/disclosures/markets/BTC-PERP");
  await expect(page.getByText("Live", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  const engineTime = page.getByText(/Engine time of the figures/);
  const first = await engineTime.textContent();
  await expect.poll(async () => engineTime.textContent(), { timeout: 20_000 }).not.toBe(first);
  await page.screenshot({ path: testInfo.outputPath(`markets-live.png`), fullPage: true });
});

test("when the stream cannot connect the page says since when it is stale (DISC-2)", async ({ page }) => {
  // The pages follow their markets on the one shared stream.
  await page.route(/\/api\/public\/stream\?/, (route) => route.abort());
  await page.goto("/disclosures/markets/BTC-PERP");
  await expect(page.getByRole("main").getByText(/Stale: stream interrupted since .* reconnecting/)).toBeVisible({ timeout: 20_000 });
  await page.goto("/disclosures/markets");
  await expect(page.locator('tr[data-market="BTC-PERP"]').getByText(/Stale: reconnecting/)).toBeVisible({ timeout: 20_000 });
});

test("a stream refused by the rate limit (429, which ends an EventSource for good) is reopened and the page goes live again", async ({ page }) => {
  let refusals = 0;
  await page.route(/\/api\/public\/stream\?/, async (route) => {
    if (refusals++ === 0)
      await route.fulfill({ status: 429, headers: { "Retry-After": "5" }, contentType: "application/json", body: '{"error":"rate limit exceeded"}' });
    else await route.continue();
  });
  await page.goto("/disclosures/markets/BTC-PERP");
  await expect(page.getByRole("main").getByText(/Stale: stream interrupted since/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Live", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  expect(refusals).toBeGreaterThanOrEqual(2);
});

test("the public stream and snapshot answer without sign-in; unknown markets get a clear 404", async ({ request }) => {
  const snapshot = await request.get("/api/public/markets/BTC-PERP/snapshot");
  expect(snapshot.status()).toBe(200);
  const body = await snapshot.json();
  expect(body.market).toBe("BTC-PERP");
  expect(body.id).toBeGreaterThan(0);
  const unknown = await request.get("/api/public/markets/DOGE-PERP/snapshot");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toContain("unknown market DOGE-PERP");
});
