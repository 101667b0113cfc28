import { expect, test } from "@playwright/test";
import { sessionOf } from "./test-users";

// AFMM-1, AFMM-4, AFMM-9: the oversight page shows the demo's affiliate, its designated RO and the SFC
// notification, and every condition of AFMM order entry as met; officers get the forms, the auditor reads.

test("AFMM-1, AFMM-4, AFMM-9: the Responsible Officer sees the demo AFMM's governance records, every condition met, and the forms", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "RESPONSIBLE_OFFICER") });
  const page = await context.newPage();
  const response = await page.goto("/afmm");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "AFMM oversight" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Affiliate registry" })).toContainText("HKP Liquidity Limited");
  await expect(page.getByRole("table", { name: "Staff register" })).toContainText("Ho Wing Kit");
  await expect(page.getByRole("table", { name: "Designated oversight officer" })).toContainText("Responsible Officer");
  await expect(page.getByRole("table", { name: "Notification to the SFC" })).toContainText(/[0-9a-f]{64}/);
  await expect(page.getByRole("table", { name: "Conditions" }).getByRole("cell", { name: "Missing" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Register an affiliate" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Record a notification" })).toBeVisible();
  // Without a fresh second factor a change is refused with the way to confirm it, and nothing changes.
  const register = page.getByRole("form", { name: "Register an affiliate" });
  await register.getByLabel("Legal name").fill("Other Group Co");
  await register.getByRole("button", { name: "Register affiliate" }).click();
  await expect(register.getByRole("link", { name: "Confirm it is you" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Affiliate registry" })).not.toContainText("Other Group Co");
  await context.close();
});

test("AFMM-4: the auditor reads the records without the forms; the AFMM trader cannot reach the page", async ({ browser }, testInfo) => {
  const auditor = await browser.newContext({ storageState: await sessionOf(testInfo, "AUDITOR") });
  const page = await auditor.newPage();
  expect((await page.goto("/afmm"))?.status()).toBe(200);
  await expect(page.getByRole("table", { name: "Affiliate registry" })).toContainText("HKP Liquidity Limited");
  await expect(page.getByRole("form", { name: "Register an affiliate" })).toHaveCount(0);
  await expect(page.getByText("You can read these records")).toBeVisible();
  await auditor.close();

  const trader = await browser.newContext({ storageState: await sessionOf(testInfo, "AFMM_TRADER") });
  const response = await trader.request.get("/afmm", { maxRedirects: 0 });
  expect(response.status()).toBe(404);
  await trader.close();
});
