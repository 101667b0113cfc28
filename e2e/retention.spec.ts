import { expect, test } from "@playwright/test";
import { freshCode, signInByApi } from "./auth-helpers";
import { freshUser } from "./test-users";

// REC-2, REC-5, REC-7: the compliance officer's retention page: the policy per record class, where the
// records are kept, and placing and releasing a legal hold after a fresh second factor.

test("REC-2, REC-5: an officer sees the retention policy and the record location, then places and releases a legal hold", async ({
  browser,
  baseURL,
}, testInfo) => {
  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "retention");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL!, officer) });
  const page = await context.newPage();
  await page.goto("/compliance/retention");
  await expect(page.getByRole("heading", { level: 1, name: "Record retention" })).toBeVisible();
  await expect(page.getByTestId("record-location")).toContainText("Where the regulatory records are kept");
  await expect(page.getByTestId("record-location")).toContainText(/Hong Kong premises: |External data storage provider: /);
  const policy = page.getByTestId("retention-policy");
  await expect(policy.getByRole("row", { name: /Order and instruction records/ })).toContainText("2 years from creation");
  await expect(policy.getByRole("row", { name: /Customer due diligence/ })).toContainText("5 years from the end of the relationship");
  await expect(policy.getByRole("row", { name: /Client profile/ })).toContainText("7 years from the later of creation and account closure");

  await page.getByRole("link", { name: "Confirm with your authenticator" }).click();
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL!, officer.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL("**/compliance/retention");

  // Without a reason the hold is refused, with the reason why.
  await page.getByLabel("Records held").selectOption("orders");
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Give the reason for the hold" }).first()).toBeVisible();

  const reason = `E2E inquiry ${testInfo.project.name} ${Date.now()}`;
  await page.getByLabel("Records held").selectOption("orders");
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The legal hold is in force" })).toBeVisible();
  const row = page.getByTestId("legal-holds").getByRole("row").filter({ hasText: reason });
  await expect(row).toContainText("Every client");
  await expect(row).toContainText("Order and instruction records");
  await page.screenshot({ path: testInfo.outputPath(`retention-${testInfo.project.name}.png`), fullPage: true });

  await row.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("legal-holds").getByRole("row").filter({ hasText: reason })).toHaveCount(0);
  await context.close();
});
