import { expect, test } from "@playwright/test";
import { fillScenarioParameters } from "./risk-helpers";
import { sessionOf } from "./test-users";

// An administrator's stress scenario moves the shared simulated market, so this spec
// runs with the other market movers, one at a time after the read-only specs.

test("an administrator injects a flash crash; bad input is refused with the reason", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "ADMIN") });
  const page = await context.newPage();
  await page.goto("/admin/scenarios");
  await expect(page.getByRole("heading", { name: "Stress scenarios" })).toBeVisible();

  await fillScenarioParameters(page, { type: "flash-crash", market: "BTC-PERP", dropPct: 120, durationSec: 60 });
  await page.getByLabel(/Reason/).fill("e2e: invalid input must be refused");
  await page.getByRole("button", { name: "Inject scenario" }).click();
  const form = page.getByRole("form", { name: "Inject a stress scenario" });
  await expect(form.getByRole("alert")).toContainText("dropPct");

  await fillScenarioParameters(page, { type: "flash-crash", market: "BTC-PERP", dropPct: 20, durationSec: 30, recoverSec: 60 });
  await page.getByRole("button", { name: "Inject scenario" }).click();
  await expect(form.getByRole("status")).toContainText("Injected flash-crash", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByRole("region", { name: /Scenario run/ }).first()).toContainText("flash-crash");
  await page.screenshot({ path: testInfo.outputPath("admin-scenarios.png"), fullPage: true });
  await context.close();
});
