import { expect, test } from "@playwright/test";
import { addHongKongBusinessDays } from "../lib/calendar/hk-business-days";
import { freshCode, signInByApi } from "./auth-helpers";
import { freshUser } from "./test-users";

// The compliance officer's registers: a personnel change recorded on the register sets the SFC
// notification task, due 7 Hong Kong business days after the change takes effect.

/** Today in Hong Kong. */
function todayInHongKong(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

test("RPT-6: an officer records a MIC change and sees its notification task due 7 Hong Kong business days later", async ({ browser, baseURL }, testInfo) => {
  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "registers");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL!, officer) });
  const page = await context.newPage();
  await page.goto("/compliance/registers");
  await expect(page.getByRole("heading", { level: 1, name: "Registers" })).toBeVisible();

  // Step up first, as an approval on this page would need.
  await page.goto("/step-up?next=/compliance/registers");
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL!, officer.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL("**/compliance/registers");

  const form = page.getByTestId("personnel-record");
  const name = `E2E Person ${testInfo.workerIndex}-${Date.now()}`;

  // A name left empty is refused with the reason, and nothing is recorded.
  await form.getByLabel("Role").selectOption("mic");
  await form.getByLabel("Function").fill("Overall management oversight");
  await form.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Give the person's name." })).toBeVisible();

  const effective = todayInHongKong();
  const due = addHongKongBusinessDays(effective, 7);
  await form.getByLabel("Role").selectOption("mic");
  await form.getByLabel("Change", { exact: true }).selectOption("appointed");
  await form.getByLabel("Person's name").fill(name);
  await form.getByLabel("Function").fill("Overall management oversight");
  await form.getByLabel("Effective date (Hong Kong date)").fill(effective);
  await form.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByRole("status").filter({ hasText: `due by the end of ${due}` })).toBeVisible();

  await expect(page.getByTestId("personnel-change").filter({ hasText: name })).toContainText(`By the end of ${due}`);
  const task = page.getByTestId("register-task").filter({ hasText: name });
  await expect(task).toHaveAttribute("data-kind", "personnel_notification");
  await expect(task.getByTestId("register-task-due")).toHaveText(`By the end of ${due}`);
  await expect(task).toContainText("left");
  await page.screenshot({ path: testInfo.outputPath(`registers-${testInfo.project.name}.png`), fullPage: true });
  await context.close();
});
