import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signUpNewClient } from "./client-helpers";

/**
 * Evidence uploads as an attacker and a person without JavaScript meet them: a fresh client signed up
 * through the real form, the real upload form, the real download.
 */
const baseOf = (testInfo: { project: { use: { baseURL?: string } } }) => String(testInfo.project.use.baseURL);
const clients = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

/** One client per server, with the investor category chosen so the portfolio form is shown. */
async function clientState(browser: Browser, baseURL: string) {
  if (!clients.has(baseURL)) {
    const { context, page } = await signUpNewClient(browser, baseURL, { name: "Upload Tester" });
    await page.goto("/portal/onboarding/evidence");
    const category = page.getByRole("form", { name: "Investor category" });
    await category.getByRole("radio", { name: "Individual", exact: true }).check();
    await category.getByRole("button", { name: "Save category" }).click();
    await expect(category.getByRole("status")).toBeVisible();
    clients.set(baseURL, await context.storageState());
    await context.close();
  }
  return clients.get(baseURL)!;
}

async function fillPortfolioLine(page: Page, custodian: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const line = page.getByRole("form", { name: "Add a portfolio line" });
  await line.getByLabel("Asset class").selectOption({ label: "Securities (listed shares, bonds, funds)" });
  await line.getByLabel("Custodian or issuer").fill(custodian);
  await line.getByLabel("Document type").selectOption({ label: "Custodian statement or certificate" });
  await line.getByLabel("Value", { exact: true }).fill("8,000,000.00");
  await line.getByLabel("Statement date").fill(new Date(Date.now() + 8 * 3_600_000 - 10 * 86_400_000).toISOString().slice(0, 10));
  await line.getByLabel("Statement or certificate (PDF, PNG or JPEG)").setInputFiles(file);
  return line;
}

const POLYGLOT = Buffer.from("%PDF-1.4\n<html><body><script>document.title = 'executed'; fetch('/api/portal/onboarding/documents')</script></body></html>\n");

test("a PDF-signature polyglot uploaded as evil.html downloads as evil.pdf, a PDF attachment with nosniff and a sandbox CSP", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ storageState: await clientState(browser, baseOf(testInfo)), acceptDownloads: true });
  const page = await context.newPage();
  await page.goto("/portal/onboarding/evidence");
  const line = await fillPortfolioLine(page, "Polyglot Bank", { name: "evil.html", mimeType: "text/html", buffer: POLYGLOT });
  await line.getByRole("button", { name: "Add portfolio line" }).click();
  await expect(line.getByRole("status")).toBeVisible();

  const row = page.getByRole("table", { name: "Your portfolio lines" }).getByRole("row").filter({ hasText: "Polyglot Bank" });
  const link = row.getByRole("link", { name: "evil.pdf", exact: true });
  await expect(link).toHaveAttribute("download", "evil.pdf");
  await expect(row).not.toContainText(".html");

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("evil.pdf");

  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect({
    type: headers["content-type"],
    disposition: headers["content-disposition"],
    nosniff: headers["x-content-type-options"],
    csp: headers["content-security-policy"],
  }).toEqual({
    type: "application/pdf",
    disposition: `attachment; filename="evil.pdf"; filename*=UTF-8''evil.pdf`,
    nosniff: "nosniff",
    csp: "sandbox; default-src 'none'; frame-ancestors 'none'",
  });
  expect(Buffer.from(await response.body()).equals(POLYGLOT)).toBe(true);
  // The page tells the client how much of their document allowance this uses.
  await expect(page.getByTestId("document-quota")).toContainText("Documents not yet part of a submission: 1 of 40, using 1 KB of 50 MB.");
  await context.close();
});

test("without JavaScript, an upload larger than the portal reads is answered 413 with what to do, not a server error, and saves nothing", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ storageState: await clientState(browser, baseOf(testInfo)), javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/portal/onboarding/evidence");

  // Over Next's own request limits: before the fix, Next cut the body short and answered 500.
  const huge = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(20 * 1024 * 1024, 0x20)]);
  let line = await fillPortfolioLine(page, "Huge Bank", { name: "huge-scan.pdf", mimeType: "application/pdf", buffer: huge });
  const [tooLarge] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    line.getByRole("button", { name: "Add portfolio line" }).click(),
  ]);
  expect(tooLarge.status()).toBe(413);
  await expect(page.getByRole("heading", { name: "File too large" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(
    "What you sent is 20 MB. Each evidence document can be at most 5 MB, and one form can send at most 16 MB. Nothing was saved.",
  );
  await page.getByRole("link", { name: "Go back to the form" }).click();
  await expect(page.getByRole("heading", { name: "Evidence of professional-investor status", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Huge Bank" })).toHaveCount(0);

  // Between the evidence limit and the request limit the form itself names the file and its size.
  const large = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(12 * 1024 * 1024, 0x20)]);
  line = await fillPortfolioLine(page, "Large Bank", { name: "large-scan.pdf", mimeType: "application/pdf", buffer: large });
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    line.getByRole("button", { name: "Add portfolio line" }).click(),
  ]);
  expect(refused.status()).toBe(200);
  line = page.getByRole("form", { name: "Add a portfolio line" });
  await expect(line.getByRole("alert")).toContainText('"large-scan.pdf" is 12 MB; the largest file accepted is 5 MB. Nothing was saved.');
  await expect(page.getByRole("row").filter({ hasText: "Large Bank" })).toHaveCount(0);
  await context.close();
});
