import { expect, test } from "@playwright/test";
import { sessionOf } from "./test-users";

// The review queue in the browser, on the running simulation: the live surveillance draws the
// simulated market maker's trades into the queue; an officer opens one and runs the replay.

test.describe("AFMM-8: the trade review queue", () => {
  test.setTimeout(240_000);

  test("AFMM-8: sampled market-maker trades reach the queue with their deadline; an item shows its fill, journal position and counterparties; a replay reports its window", async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ storageState: await sessionOf(testInfo, "RESPONSIBLE_OFFICER") });
    const page = await context.newPage();
    const queue = page.getByRole("table", { name: "Review items, earliest deadline first" });
    await expect(async () => {
      await page.goto("/afmm/trade-reviews?kind=sample");
      await expect(queue).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 180_000, intervals: [3_000] });
    await expect(queue.getByRole("cell", { name: "Within deadline" }).first()).toBeVisible();

    await queue.getByRole("link", { name: "Sampled trade" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Sampled trade: ");
    await expect(page.getByRole("table", { name: "Fills" })).toContainText("(market maker)");
    await expect(page.getByText(/^sequence \d+, command \d+, /)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Counterparties" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Assign" })).toBeVisible();

    await page.goto("/afmm/trade-reviews");
    await page.getByRole("button", { name: "Run the rules" }).click();
    await expect(page.getByTestId("replay-result")).toContainText(/journal events from sequence \d+ to \d+: \d+ alerts/);
    await context.close();
  });
});
