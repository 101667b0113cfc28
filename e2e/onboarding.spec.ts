import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { freshCode, signInByApi } from "./auth-helpers";
import { answerRiskQuizCorrectly, signUpNewClient } from "./client-helpers";
import { freshUser } from "./test-users";

/**
 * A brand-new client completes onboarding in Chromium, a compliance officer approves it
 * and the client trades; a client whose application fails cannot trade. Everything goes through the
 * pages a person would use; no row is written behind the portal's back.
 */
const baseOf = (testInfo: { project: { use: { baseURL?: string } } }) => String(testInfo.project.use.baseURL);
const DAY = 86_400_000;

/** A Hong Kong calendar date `daysAgo` days before today, as a date input takes it. */
function hkDate(daysAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10);
}

const PDF = (label: string) => ({
  name: `${label}.pdf`,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`),
});

async function shot(page: Page, name: string, testInfo: { outputPath: (name: string) => string }) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** The client's side of onboarding, from the welcome page to a submitted application. */
async function completeAndSubmit(page: Page, testInfo: { outputPath: (name: string) => string }, options: { trades: number; screenshots?: boolean }) {
  await page.getByRole("link", { name: "start your professional-investor onboarding" }).click();
  await expect(page.getByTestId("onboarding-status")).toContainText("Not submitted");
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();

  // Category and portfolio evidence.
  await page.getByRole("link", { name: "Investor category" }).click();
  const category = page.getByRole("form", { name: "Investor category" });
  await category.getByRole("radio", { name: "Individual", exact: true }).check();
  await category.getByRole("button", { name: "Save category" }).click();
  await expect(category.getByRole("status")).toBeVisible();

  const line = page.getByRole("form", { name: "Add a portfolio line" });
  await line.getByLabel("Asset class").selectOption({ label: "Securities (listed shares, bonds, funds)" });
  await line.getByLabel("Custodian or issuer").fill("Harbour Securities Ltd");
  await line.getByLabel("Document type").selectOption({ label: "Custodian statement or certificate" });
  await line.getByLabel("Value", { exact: true }).fill("8,000,000.00");
  await line.getByLabel("Currency").selectOption("HKD");
  // Bad input: a statement dated tomorrow is refused, specifically, and nothing is added.
  await line.getByLabel("Statement date").fill(hkDate(-1));
  await line.getByLabel("Statement or certificate (PDF, PNG or JPEG)").setInputFiles(PDF("statement"));
  await line.getByRole("button", { name: "Add portfolio line" }).click();
  await expect(line.getByRole("alert")).toContainText(`Statement date ${hkDate(-1)} is after the assessment date ${hkDate(0)}`);
  await expect(page.getByTestId("pi-breakdown")).not.toContainText("Harbour Securities Ltd");
  // Bad input: a text file posing as a statement is refused by its content, not its name.
  await line.getByLabel("Statement date").fill(hkDate(30));
  await line
    .getByLabel("Statement or certificate (PDF, PNG or JPEG)")
    .setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a PDF") });
  await line.getByRole("button", { name: "Add portfolio line" }).click();
  await expect(line.getByRole("alert")).toContainText(/PDF, PNG or JPEG/);
  await expect(page.getByTestId("pi-breakdown")).not.toContainText("Harbour Securities Ltd");
  // Good input: HK$8,000,000 exactly, statement 30 days old, with its document.
  await line.getByLabel("Statement or certificate (PDF, PNG or JPEG)").setInputFiles(PDF("statement"));
  await line.getByRole("button", { name: "Add portfolio line" }).click();
  await expect(line.getByRole("status")).toBeVisible();
  const breakdown = page.getByTestId("pi-breakdown");
  await expect(breakdown).toContainText("Harbour Securities Ltd");
  await expect(breakdown).toContainText("8,000,000.00");
  if (options.screenshots) await shot(page, "onboarding-evidence", testInfo);

  // Derivative knowledge by trading record.
  await page.goto("/portal/onboarding/knowledge");
  const answers = page.getByRole("form", { name: "Derivative knowledge answers" });
  await answers
    .getByRole("group", { name: /^\(a\)/ })
    .getByRole("radio", { name: "No" })
    .check();
  await answers
    .getByRole("group", { name: /^\(b\)/ })
    .getByRole("radio", { name: "No" })
    .check();
  await answers
    .getByRole("group", { name: /^\(c\)/ })
    .getByRole("radio", { name: "Yes" })
    .check();
  await answers.getByRole("button", { name: "Save answers" }).click();
  await expect(answers.getByRole("status")).toBeVisible();
  const trade = page.getByRole("form", { name: "Add a trade" });
  for (let i = 0; i < options.trades; i += 1) {
    await trade.getByLabel("Trade date").fill(hkDate(40 + i * 60));
    // A trade counts only as a derivative from the list, with its contract note (SUIT-2).
    await trade.getByLabel("Instrument type").selectOption({ label: "Futures" });
    await trade.getByLabel("Instrument", { exact: true }).fill(`HSI index futures #${i + 1}`);
    await trade.getByLabel("Venue or broker").fill("HKEX via Harbour Securities");
    await trade.getByLabel("Contract note or statement (PDF, PNG or JPEG)").setInputFiles(PDF(`contract-note-${i + 1}`));
    await trade.getByRole("button", { name: "Add trade" }).click();
    await expect(page.getByRole("cell", { name: `HSI index futures #${i + 1}`, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("knowledge-result")).toContainText(`${options.trades} in the window`);
  if (options.screenshots) await shot(page, "onboarding-knowledge", testInfo);

  // Net worth, then the risk quiz.
  await page.goto("/portal/onboarding/net-worth");
  const worth = page.getByRole("form", { name: "Net worth and liquid assets" });
  await worth.getByLabel("Net worth (HKD)").fill("20,000,000");
  await worth.getByLabel("Liquid assets (HKD)").fill("10,000,000");
  await worth.getByRole("button", { name: "Save net worth" }).click();
  await expect(worth.getByRole("status")).toBeVisible();
  await expect(page.getByTestId("exposure-cap")).toContainText("USD");

  await page.goto("/portal/onboarding/quiz");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerRiskQuizCorrectly(page);
  if (options.screenshots) await shot(page, "onboarding-quiz", testInfo);

  // The risk disclosure.
  await page.goto("/portal/onboarding/risk-disclosures");
  const ack = page.getByRole("form", { name: "Acknowledge the risk disclosure" });
  await ack.getByRole("checkbox", { name: "I have read and understood" }).check();
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("region", { name: "Your acknowledgement" }).getByText(/^Acknowledged\. You acknowledged version/)).toBeVisible();

  await page.goto("/portal/onboarding");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("onboarding-status")).toContainText("With a compliance officer");
  if (options.screenshots) await shot(page, "onboarding-submitted", testInfo);
}

/** A compliance officer opens the client's case from the queue, steps up, and records a decision. */
async function officerDecides(
  browser: Browser,
  baseURL: string,
  clientEmail: string,
  decision: "Approve" | "Reject",
  reason: string,
  testInfo: TestInfo,
  expected: { evaluator: RegExp; status: string },
) {
  // The officer's own account: the step-up below needs a TOTP step no other test has used.
  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "onboarding-officer");
  const context = await browser.newContext({ baseURL, storageState: await signInByApi(baseURL, officer) });
  const page = await context.newPage();
  await page.goto("/compliance/reviews");
  const row = page
    .getByRole("table", { name: /Waiting for a decision/ })
    .getByRole("row")
    .filter({ hasText: clientEmail });
  if (decision === "Approve") await shot(page, "review-queue", testInfo);
  await row.getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Review: / })).toBeVisible();
  const casePath = new URL(page.url()).pathname;
  await expect(page.getByRole("region", { name: "Evaluator result" })).toContainText(expected.evaluator);
  await shot(page, `review-${decision.toLowerCase()}`, testInfo);

  await page.goto(`/step-up?next=${casePath}`);
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL, officer.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL(`**${casePath}`);
  const form = page.getByRole("form", { name: "Record a decision" });
  await form.getByRole("radio", { name: decision, exact: true }).check();
  // Bad input: a reason too short to explain anything is refused and nothing is decided.
  await form.getByLabel("Reason").fill("ok");
  await form.getByRole("button", { name: "Record decision" }).click();
  // Wait for the server's answer (the field marked invalid), not the hint that always says "at least 10
  // characters": the answer remounts the form with what was posted, which would undo the refill below.
  await expect(form.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator("#decision-reason-error")).toContainText("Give the reason for the decision (at least 10 characters)");
  await expect(page.getByTestId("case-status")).toContainText("Waiting for an officer");
  await form.getByRole("radio", { name: decision, exact: true }).check();
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("case-status")).toContainText(expected.status);
  await context.close();
}

test("a new client completes onboarding, a compliance officer approves it and the client places an order", { tag: "@smoke" }, async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = baseOf(testInfo);
  // A confirmed e-mail address and two-factor authentication, as perps access needs (SEC-1).
  const { context, page, email } = await signUpNewClient(browser, baseURL, { name: "Ada Onboarding", secureAccount: true });

  // Before approval the order service refuses the client, whatever the page shows.
  await page.goto("/portal/positions");
  await expect(page.getByRole("region", { name: "Your access to perpetual contracts" })).toContainText("professional investors");
  await expect(page.getByRole("button", { name: "Open simulated account" })).toHaveCount(0);

  await page.goto("/account?welcome=1");
  await completeAndSubmit(page, testInfo, { trades: 5, screenshots: true });

  await officerDecides(browser, baseURL, email, "Approve", "Statement and five HSI futures trades checked against the contract notes.", testInfo, {
    evaluator: /All tests met|passed/i,
    status: "Approved",
  });

  // The client sees the decision and its reason; then access is active with the cap.
  await page.goto("/portal/onboarding");
  await expect(page.getByTestId("onboarding-status")).toContainText("Approved");
  await expect(page.getByTestId("onboarding-status")).toContainText("Statement and five HSI futures trades checked");
  await expect(page.getByRole("region", { name: "Trading perpetual contracts" })).toContainText("Active until");
  await shot(page, "onboarding-approved", testInfo);

  await page.goto("/portal/positions");
  await expect(page.getByRole("region", { name: "Your access to perpetual contracts" })).toContainText("Active until");
  await page.getByRole("button", { name: "Open simulated account" }).click();
  await expect(page.getByRole("heading", { name: /^Account \d{7,}$/ })).toBeVisible();
  await expect(page.getByText("No deposits pending.")).toBeVisible({ timeout: 30_000 });
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await ticket.getByRole("combobox", { name: "Market" }).selectOption("BTC-PERP");
  await ticket.getByRole("radio", { name: "Buy (long)" }).check();
  await ticket.getByRole("radio", { name: "Market", exact: true }).check();
  await ticket.getByLabel(/^Size/).fill("0.01");
  await ticket.getByRole("button", { name: "Place order" }).click();
  await expect(ticket.getByRole("status")).toContainText(/accepted: buy 0\.010 BTC BTC-PERP at market\. Filled/);
  await shot(page, "onboarded-client-order", testInfo);
  await context.close();
});

test("a client with 4 derivative trades fails the knowledge test; the officer rejects it and the client cannot trade", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = baseOf(testInfo);
  const { context, page, email } = await signUpNewClient(browser, baseURL, { name: "Bo Fourtrades" });
  await completeAndSubmit(page, testInfo, { trades: 4 });

  await officerDecides(browser, baseURL, email, "Reject", "Only four derivative trades in the past 36 months; five are required.", testInfo, {
    evaluator: /Not all tests met|not met|failed/i,
    status: "Rejected",
  });

  await page.goto("/portal/onboarding");
  await expect(page.getByTestId("onboarding-status")).toContainText("Not approved");
  await expect(page.getByTestId("onboarding-status")).toContainText("Only four derivative trades");
  await page.goto("/portal/positions");
  const access = page.getByRole("region", { name: "Your access to perpetual contracts" });
  await expect(access).toContainText("professional investors");
  await expect(page.getByRole("button", { name: "Open simulated account" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Order ticket" })).toHaveCount(0);
  await shot(page, "rejected-client-positions", testInfo);
  await context.close();
});
