import { expect, test } from "@playwright/test";
import { formatPpbPercentExact } from "../lib/format";
import { freshCode, signInByApi } from "./auth-helpers";
import { getJson, shot } from "./risk-helpers";
import { freshUser, sessionOf } from "./test-users";

// A Responsible Officer changes a live market parameter. The change moves the shared
// simulated market's configuration, so this spec runs with the market movers, one at a time after
// the read-only specs (risk-pages.spec.ts reads the same figures).

test("DISC-1: a Responsible Officer's parameter change is audited, in force at once and in the public change log with before/after values", async ({
  browser,
  request,
}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const before = await getJson<{ configHash: string; parameters: Array<{ path: string; value: string }> }>(request, "/api/public/parameters?market=ETH-PERP");
  const previous = before.parameters.find((row) => row.path === "adlRisk.elevatedBelowDistance")!.value;
  const next = (BigInt(previous) + 10_000_000n).toString();
  // The officer's own account: the step-up needs a TOTP step no other test has used.
  const ro = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "parameter-officer");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL, ro) });
  const page = await context.newPage();
  await page.goto("/step-up?next=/compliance/parameters");
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL, ro.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL("**/compliance/parameters");
  const form = page.getByRole("form", { name: "Change a market parameter" });
  await form.getByLabel("Market").selectOption("ETH-PERP");
  await form.getByLabel("Parameter").selectOption("adlRisk.elevatedBelowDistance");
  // Bad input changes nothing and says why.
  await form.getByLabel("New value").fill("0.25");
  await form.getByLabel(/^Reason/).fill("Recalibrated after the quarterly ADL backtest");
  await form.getByRole("button", { name: "Change parameter" }).click();
  await expect(form.getByRole("alert")).toContainText("whole number");
  await form.getByLabel("New value").fill(next);
  await form.getByRole("button", { name: "Change parameter" }).click();
  await expect(form.getByRole("status")).toContainText("In force from engine time");
  await shot(page, "compliance-parameters", testInfo);
  await context.close();

  const after = await getJson<{
    configHash: string;
    journalConfigHash: string;
    changeLog: Array<{ subject: string; reason: string; effectiveFromMs: number; requested: Array<{ path: string; previous: string; next: string }> }>;
    parameters: Array<{ path: string; value: string; previous: string; effectiveFromMs: number; reason: string }>;
  }>(request, "/api/public/parameters?market=ETH-PERP");
  expect(after.changeLog[0]).toMatchObject({
    subject: "ETH-PERP",
    reason: "Recalibrated after the quarterly ADL backtest",
    requested: [{ path: "adlRisk.elevatedBelowDistance", previous, next }],
  });
  const row = after.parameters.find((candidate) => candidate.path === "adlRisk.elevatedBelowDistance")!;
  expect(row).toMatchObject({
    value: next,
    previous,
    reason: "Recalibrated after the quarterly ADL backtest",
    effectiveFromMs: after.changeLog[0].effectiveFromMs,
  });
  expect(after.configHash).not.toBe(before.configHash);
  expect(after.journalConfigHash).toBe(after.configHash);

  const publicPage = await browser.newPage();
  await publicPage.goto("/disclosures/parameters?market=ETH-PERP");
  await expect(publicPage.getByTestId("change-row").first()).toContainText("adlRisk.elevatedBelowDistance");
  await expect(publicPage.getByTestId("change-row").first()).toContainText(`${formatPpbPercentExact(previous)} → ${formatPpbPercentExact(next)}`);
  await expect(publicPage.getByTestId("config-hash")).toHaveText(after.configHash);
  await shot(publicPage, "parameters", testInfo);
  await publicPage.goto("/disclosures/methodology");
  await expect(publicPage.getByTestId("config-hash")).toHaveText(after.configHash);

  const co = await browser.newContext({ storageState: await sessionOf(testInfo, "COMPLIANCE_OFFICER") });
  const log = await co.newPage();
  await log.goto("/compliance/audit-log?action=parameters.change");
  await expect(log.getByText("Recalibrated after the quarterly ADL backtest").first()).toBeVisible();
  await co.close();
});
