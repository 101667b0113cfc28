import { expect, test } from "@playwright/test";
import { freshCode, signInByApi } from "./auth-helpers";
import { freshUser } from "./test-users";

// The monthly AFMM MI: a Responsible Officer generates it after a fresh second factor, reads it as
// tables and downloads it as CSV and as PDF in both languages.

test("AFMM-10, RPT-8: an RO generates this month's AFMM MI after stepping up, reads it and downloads CSV and PDFs", async ({ browser, baseURL }, testInfo) => {
  const ro = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "afmm-mi-ro");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL!, ro) });
  const page = await context.newPage();
  await page.goto("/afmm/mi");
  await expect(page.getByRole("heading", { level: 1, name: "Monthly AFMM MI" })).toBeVisible();
  await page.getByRole("link", { name: "Confirm your second factor to generate" }).click();
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL!, ro.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL("**/afmm/mi");

  // A month that is not a month is refused with the reason, and nothing is generated.
  const month = page.getByLabel("Month (YYYY-MM, Hong Kong time)");
  await month.fill("2026-13");
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByRole("alert").filter({ hasText: '"2026-13" is not a month' })).toBeVisible();

  // The current month (Hong Kong time), which the running market has traded in.
  const current = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  await page.getByLabel("Month (YYYY-MM, Hong Kong time)").fill(current);
  await page.getByRole("button", { name: "Generate" }).click();
  await page.waitForURL(/\/afmm\/mi\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `AFMM management information: ${current}` })).toBeVisible();
  await expect(page.getByText("The stored data matches its SHA-256.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Trading and the market maker's share" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Trading and the market maker's share" }).getByRole("row", { name: /BTC-PERP/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`afmm-mi-${testInfo.project.name}.png`), fullPage: true });

  const csv = await page.request.get(
    await page
      .getByRole("link", { name: "CSV (every figure, hour by hour)" })
      .getAttribute("href")
      .then((href) => href!),
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toMatch(/^section,market,period,metric,value\r\n/);
  for (const name of ["PDF (English)", "PDF (繁體中文)"]) {
    const pdf = await page.request.get((await page.getByRole("link", { name }).getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  }
  // Signed out, the files are refused.
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`${baseURL}${(await page.getByRole("link", { name: "PDF (English)" }).getAttribute("href"))!}`)).status()).toBe(401);
  await anonymous.close();
  await context.close();
});
