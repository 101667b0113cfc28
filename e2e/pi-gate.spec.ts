import { expect, test, type Browser, type Page } from "@playwright/test";
import { freshCode, signInByApi } from "./auth-helpers";
import { answerRiskQuizCorrectly, signUpNewClient } from "./client-helpers";
import { freshUser } from "./test-users";

/**
 * PI-2, PI-5 (issue: the professional-investor gate): a client whose statutory PI test failed cannot be
 * approved, by one officer or by two. The page offers no approval and says why; an approval posted
 * anyway (a form edited in the browser) is refused by the service and changes nothing.
 */
const DAY = 86_400_000;
const hkDate = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10);
const PDF = (label: string) => ({
  name: `${label}.pdf`,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`),
});

/** The client's side: HK$7,999,999.99 of securities (one cent short), five evidenced futures trades, the quiz and the disclosure. */
async function submitOneCentShort(page: Page) {
  await page.goto("/portal/onboarding/evidence");
  const category = page.getByRole("form", { name: "Investor category" });
  await category.getByRole("radio", { name: "Individual", exact: true }).check();
  await category.getByRole("button", { name: "Save category" }).click();
  await expect(category.getByRole("status")).toBeVisible();
  const line = page.getByRole("form", { name: "Add a portfolio line" });
  await line.getByLabel("Asset class").selectOption({ label: "Securities (listed shares, bonds, funds)" });
  await line.getByLabel("Custodian or issuer").fill("Harbour Securities Ltd");
  await line.getByLabel("Document type").selectOption({ label: "Custodian statement or certificate" });
  await line.getByLabel("Value", { exact: true }).fill("7,999,999.99");
  await line.getByLabel("Currency").selectOption("HKD");
  await line.getByLabel("Statement date").fill(hkDate(20));
  await line.getByLabel("Statement or certificate (PDF, PNG or JPEG)").setInputFiles(PDF("statement"));
  await line.getByRole("button", { name: "Add portfolio line" }).click();
  await expect(line.getByRole("status")).toBeVisible();

  await page.goto("/portal/onboarding/knowledge");
  const answers = page.getByRole("form", { name: "Derivative knowledge answers" });
  for (const [group, answer] of [
    [/^\(a\)/, "No"],
    [/^\(b\)/, "No"],
    [/^\(c\)/, "Yes"],
  ] as const)
    await answers.getByRole("group", { name: group }).getByRole("radio", { name: answer }).check();
  await answers.getByRole("button", { name: "Save answers" }).click();
  await expect(answers.getByRole("status")).toBeVisible();
  const trade = page.getByRole("form", { name: "Add a trade" });
  for (let i = 0; i < 5; i += 1) {
    await trade.getByLabel("Trade date").fill(hkDate(40 + i * 60));
    await trade.getByLabel("Instrument type").selectOption({ label: "Futures" });
    await trade.getByLabel("Instrument", { exact: true }).fill(`HSI index futures #${i + 1}`);
    await trade.getByLabel("Venue or broker").fill("HKEX via Harbour Securities");
    await trade.getByLabel("Contract note or statement (PDF, PNG or JPEG)").setInputFiles(PDF(`contract-note-${i + 1}`));
    await trade.getByRole("button", { name: "Add trade" }).click();
    await expect(page.getByRole("cell", { name: `HSI index futures #${i + 1}`, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("knowledge-result")).toContainText("5 in the window");

  await page.goto("/portal/onboarding/net-worth");
  const worth = page.getByRole("form", { name: "Net worth and liquid assets" });
  await worth.getByLabel("Net worth (HKD)").fill("20,000,000");
  await worth.getByLabel("Liquid assets (HKD)").fill("10,000,000");
  await worth.getByRole("button", { name: "Save net worth" }).click();
  await expect(worth.getByRole("status")).toBeVisible();

  await page.goto("/portal/onboarding/quiz");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerRiskQuizCorrectly(page);

  await page.goto("/portal/onboarding/risk-disclosures");
  const ack = page.getByRole("form", { name: "Acknowledge the risk disclosure" });
  await ack.getByRole("checkbox", { name: "I have read and understood" }).check();
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("region", { name: "Your acknowledgement" }).getByText(/^Acknowledged\./)).toBeVisible();

  await page.goto("/portal/onboarding");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("onboarding-status")).toContainText("With a compliance officer");
}

/**
 * An officer (their own account) opens the case, steps up, sees no approval offered and why, then posts
 * `decision` anyway through a form edited in the browser: the service refuses it.
 */
async function officerTriesToApprove(browser: Browser, baseURL: string, clientEmail: string, decision: "APPROVE" | "CONFIRM_OVERRIDE", label: string) {
  const officer = await freshUser({ project: test.info().project }, "COMPLIANCE_OFFICER", label);
  const context = await browser.newContext({ baseURL, storageState: await signInByApi(baseURL, officer) });
  const page = await context.newPage();
  await page.goto("/compliance/reviews");
  await page
    .getByRole("table", { name: /Waiting for a decision/ })
    .getByRole("row")
    .filter({ hasText: clientEmail })
    .getByRole("link", { name: "Review" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /^Review: / })).toBeVisible();
  const casePath = new URL(page.url()).pathname;
  await page.goto(`/step-up?next=${casePath}`);
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL, officer.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL(`**${casePath}`);

  const gate = page.getByTestId("knowledge-gate");
  await expect(gate.getByText("Statutory PI test", { exact: true }).locator("xpath=following-sibling::dd[1]")).toContainText("Not met");
  const decisionPanel = page.getByRole("region", { name: "Decision", exact: true });
  await expect(decisionPanel).toContainText("no number of officers, can approve this submission");
  const form = page.getByRole("form", { name: "Record a decision" });
  await expect(form.getByRole("radio", { name: "Reject", exact: true })).toBeVisible();
  await expect(form.getByRole("radio", { name: "Approve", exact: true })).toHaveCount(0);
  await expect(form.getByRole("radio", { name: "Confirm override", exact: true })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath(`pi-gate-${label}.png`), fullPage: true });

  // The form edited in the browser to post an approval the page does not offer.
  await form.evaluate((element, value) => {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "decision";
    input.value = value;
    element.appendChild(input);
  }, decision);
  await form.getByLabel("Reason").fill("Close enough to the threshold; approving on judgement.");
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.getByRole("alert")).toContainText("no number of officers, can approve this submission");
  await page.reload();
  await expect(page.getByTestId("case-status")).toContainText("Waiting for an officer");
  await expect(page.getByRole("region", { name: "Reviews of this submission" })).toContainText("No officer has decided on this submission yet.");
  await context.close();
}

test("PI-2 PI-5: a client with a failed PI test cannot be approved by two officers", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = String(testInfo.project.use.baseURL);
  const { context, page, email } = await signUpNewClient(browser, baseURL, { name: "Cy Onecentshort" });
  await submitOneCentShort(page);

  await officerTriesToApprove(browser, baseURL, email, "APPROVE", "pi-gate-first-officer");
  await officerTriesToApprove(browser, baseURL, email, "CONFIRM_OVERRIDE", "pi-gate-second-officer");

  // The client is still waiting, and cannot trade.
  await page.goto("/portal/onboarding");
  await expect(page.getByTestId("onboarding-status")).toContainText("With a compliance officer");
  await page.goto("/portal/positions");
  await expect(page.getByRole("region", { name: "Your access to perpetual contracts" })).toContainText("professional investors");
  await expect(page.getByRole("button", { name: "Open simulated account" })).toHaveCount(0);
  await context.close();
});
