import { expect, test, type Page } from "@playwright/test";
import { freshCode, signInByApi } from "./auth-helpers";
import { answerRiskQuizCorrectly, signUpNewClient } from "./client-helpers";
import { freshUser } from "./test-users";

/**
 * A corporate client completes the Code 15.3A / 15.3B flow in Chromium (PI-6, PI-7, SUIT-4, SUIT-8):
 * it applies as a corporation, consents to the 15.3B notice and names an authorised trader; an officer
 * cannot approve it until the 15.3A assessment is recorded, records it and the trader's assessment, and
 * approves; the client's order must name the assessed trader. Everything goes through the pages.
 */
const baseOf = (testInfo: { project: { use: { baseURL?: string } } }) => String(testInfo.project.use.baseURL);
const DAY = 86_400_000;
const hkDate = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10);
const PDF = (label: string) => ({
  name: `${label}.pdf`,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`),
});

/** The application steps every client completes, here as a corporation with a HK$8m portfolio. */
async function applyAsCorporation(page: Page) {
  await page.goto("/portal/onboarding/evidence");
  const category = page.getByRole("form", { name: "Investor category" });
  await category.getByRole("radio", { name: "Corporation", exact: true }).check();
  await category.getByRole("button", { name: "Save category" }).click();
  await expect(category.getByRole("status")).toBeVisible();
  const line = page.getByRole("form", { name: "Add a portfolio line" });
  await line.getByLabel("Asset class").selectOption({ label: "Securities (listed shares, bonds, funds)" });
  await line.getByLabel("Custodian or issuer").fill("Harbour Securities Ltd");
  await line.getByLabel("Document type").selectOption({ label: "Custodian statement or certificate" });
  await line.getByLabel("Value", { exact: true }).fill("8,000,000.00");
  await line.getByLabel("Currency").selectOption("HKD");
  await line.getByLabel("Statement date").fill(hkDate(30));
  await line.getByLabel("Statement or certificate (PDF, PNG or JPEG)").setInputFiles(PDF("statement"));
  await line.getByRole("button", { name: "Add portfolio line" }).click();
  await expect(page.getByTestId("pi-breakdown")).toContainText("Harbour Securities Ltd");

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
  for (let i = 0; i < 5; i += 1) {
    await trade.getByLabel("Trade date").fill(hkDate(40 + i * 60));
    // A trade counts only as a derivative from the list, with its contract note (SUIT-2).
    await trade.getByLabel("Instrument type").selectOption({ label: "Futures" });
    await trade.getByLabel("Instrument", { exact: true }).fill(`HSI index futures #${i + 1}`);
    await trade.getByLabel("Venue or broker").fill("HKEX via Harbour Securities");
    await trade.getByLabel("Contract note or statement (PDF, PNG or JPEG)").setInputFiles(PDF(`contract-note-${i + 1}`));
    await trade.getByRole("button", { name: "Add trade" }).click();
    await expect(page.getByRole("cell", { name: `HSI index futures #${i + 1}`, exact: true })).toBeVisible();
  }

  await page.goto("/portal/onboarding/net-worth");
  const worth = page.getByRole("form", { name: "Net worth and liquid assets" });
  await worth.getByLabel("Net worth (HKD)").fill("60,000,000");
  await worth.getByLabel("Liquid assets (HKD)").fill("20,000,000");
  await worth.getByRole("button", { name: "Save net worth" }).click();
  await expect(worth.getByRole("status")).toBeVisible();

  await page.goto("/portal/onboarding/quiz");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerRiskQuizCorrectly(page);

  await page.goto("/portal/onboarding/risk-disclosures");
  const ack = page.getByRole("form", { name: "Acknowledge the risk disclosure" });
  await ack.getByRole("checkbox", { name: "I have read and understood" }).check();
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("region", { name: "Your acknowledgement" }).getByText(/^Acknowledged\. You acknowledged version/)).toBeVisible();
}

test("PI-6, PI-7, SUIT-4, SUIT-8: a corporate client completes the 15.3A flow: 15.3B consent, officer's 15.3A and trader assessments, approval, an order named to the assessed trader", async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const baseURL = baseOf(testInfo);
  const { context, page, email } = await signUpNewClient(browser, baseURL, { name: "Harbour Trading Ltd", secureAccount: true });
  await applyAsCorporation(page);

  // The 15.3B notice and the company's written consent, then its authorised trader.
  await page.goto("/portal/onboarding");
  await expect(page.getByTestId("corporate-pi-overview")).toContainText("Consent to the notice not given yet.");
  await page.getByRole("link", { name: "Notice, consent and authorised traders" }).click();
  await expect(page.getByTestId("cpi-notice")).toContainText("Your right to withdraw");
  const consent = page.getByRole("form", { name: "Consent to corporate professional-investor treatment" });
  // Bad input: the box unticked is refused and nothing is recorded.
  await consent.getByRole("button", { name: "Give consent" }).click();
  await expect(consent.locator("#cpi-consent-confirmed-error")).toHaveText("Tick the box to confirm your company's consent.");
  await consent.getByRole("checkbox", { name: /consent to its being treated as a corporate professional investor/ }).check();
  await consent.getByRole("button", { name: "Give consent" }).click();
  await expect(page.getByTestId("cpi-consent-status")).toContainText(/Consent recorded on .* for version cpi-notice-/);

  const addTrader = page.getByRole("form", { name: "Name an authorised trader" });
  await addTrader.getByLabel("Full name").fill("Wong Ka Yan");
  await addTrader.getByLabel("Position in the company").fill("Treasury dealer");
  await addTrader.getByRole("button", { name: "Add trader" }).click();
  await expect(page.getByRole("table", { name: "Your authorised traders" })).toContainText("Not assessed yet");
  await page.screenshot({ path: testInfo.outputPath("corporate-notice-consent-traders.png"), fullPage: true });

  await page.goto("/portal/onboarding");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("onboarding-status")).toContainText("With a compliance officer");

  // The officer: approval is refused until the 15.3A assessment is recorded.
  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "corporate-officer");
  const officerContext = await browser.newContext({ baseURL, storageState: await signInByApi(baseURL, officer) });
  const desk = await officerContext.newPage();
  await desk.goto("/compliance/reviews");
  await desk
    .getByRole("table", { name: /Waiting for a decision/ })
    .getByRole("row")
    .filter({ hasText: email })
    .getByRole("link", { name: "Review" })
    .click();
  await expect(desk.getByRole("heading", { level: 1, name: /^Review: / })).toBeVisible();
  const casePath = new URL(desk.url()).pathname;
  await expect(desk.getByTestId("corporate-pi-blockers")).toContainText("has not been recorded yet");
  await desk.goto(`/step-up?next=${casePath}`);
  await desk.getByLabel("Authentication code").fill(await freshCode(baseURL, officer.totpSecret!));
  await desk.getByRole("button", { name: "Confirm" }).click();
  await desk.waitForURL(`**${casePath}`);

  const decision = desk.getByRole("form", { name: "Record a decision" });
  await decision.getByRole("radio", { name: "Approve", exact: true }).check();
  await decision.getByLabel("Reason").fill("Portfolio statement and the five futures trades checked.");
  await decision.getByRole("button", { name: "Record decision" }).click();
  await expect(decision.getByRole("alert")).toContainText("A corporate client cannot be approved yet");
  await expect(desk.getByTestId("case-status")).toContainText("Waiting for an officer");

  const cpi = desk.getByRole("form", { name: "Record the 15.3A assessment" });
  await cpi
    .getByRole("group", { name: /specific function or person responsible/ })
    .getByRole("radio", { name: "No" })
    .check();
  await cpi.getByLabel(/^The investment function or person responsible/).fill("The board's treasury committee decides all investments.");
  await cpi.getByLabel(/^Persons who make the investment decisions/).fill("Chan Tai Man, finance director\nLee Siu Ming, head of treasury");
  await cpi.getByLabel(/^Their knowledge and experience/).fill("Both have traded listed futures and options for the group for over ten years.");
  await cpi
    .getByRole("group", { name: "Conclusion" })
    .getByRole("radio", { name: /^Positive/ })
    .check();
  await cpi.getByLabel("Reason", { exact: true }).fill("Committee minutes and both CVs reviewed against the products.");
  await cpi.getByRole("button", { name: "Record assessment" }).click();
  // Bad input: a positive conclusion without an investment function is refused, specifically.
  await expect(cpi.locator("#cpi-conclusion-error")).toHaveText(
    "A positive conclusion needs a specific function or person responsible for investment decisions.",
  );
  await cpi
    .getByRole("group", { name: /specific function or person responsible/ })
    .getByRole("radio", { name: "Yes" })
    .check();
  await cpi.getByRole("button", { name: "Record assessment" }).click();
  await expect(cpi.getByRole("status")).toContainText("Assessment version 1 recorded.");
  await desk.reload();
  await expect(desk.getByRole("table", { name: "15.3A assessments" })).toContainText("Chan Tai Man, finance director");

  const traderForm = desk.getByRole("form", { name: "Assess Wong Ka Yan" });
  await traderForm.getByRole("radio", { name: "Yes" }).check();
  await traderForm.getByLabel("Reason (what was checked)").fill("Futures dealer licence and five years on the HKEX desk checked.");
  await traderForm.getByRole("button", { name: "Record trader assessment" }).click();
  await expect(traderForm.getByRole("status")).toContainText("Trader assessment recorded.");
  await desk.reload();
  await expect(desk.getByTestId("corporate-pi-blockers")).toContainText("The latest 15.3A assessment is positive");
  await desk.screenshot({ path: testInfo.outputPath("corporate-review-case.png"), fullPage: true });

  const approve = desk.getByRole("form", { name: "Record a decision" });
  await approve.getByRole("radio", { name: "Approve", exact: true }).check();
  await approve.getByLabel("Reason").fill("15.3A positive, 15.3B consent given, trader assessed; evidence checked.");
  await approve.getByRole("button", { name: "Record decision" }).click();
  await expect(desk.getByTestId("case-status")).toContainText("Approved");

  // The client trades: the order must name the assessed trader.
  await page.goto("/portal/onboarding/corporate");
  await expect(page.getByTestId("cpi-assessment-status")).toContainText("can be treated as a corporate professional investor");
  await page.goto("/portal/positions");
  await page.getByRole("button", { name: "Open simulated account" }).click();
  await expect(page.getByText("No deposits pending.")).toBeVisible({ timeout: 30_000 });
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await ticket.getByRole("combobox", { name: "Market" }).selectOption("BTC-PERP");
  await ticket.getByRole("radio", { name: "Buy (long)" }).check();
  await ticket.getByRole("radio", { name: "Market", exact: true }).check();
  await ticket.getByLabel(/^Size/).fill("0.01");
  await ticket.getByRole("button", { name: "Place order" }).click();
  await expect(ticket).toContainText("must name the authorised trader placing them");
  await ticket.getByRole("combobox", { name: "Authorised trader placing the order" }).selectOption({ label: "Wong Ka Yan (Treasury dealer)" });
  await ticket.getByLabel(/^Size/).fill("0.01");
  await ticket.getByRole("button", { name: "Place order" }).click();
  await expect(ticket.getByRole("status")).toContainText(/accepted: buy 0\.010 BTC BTC-PERP at market/);

  // SUIT-8: a change of circumstances goes to the officer's queue for re-review.
  await page.goto("/portal/onboarding/circumstances");
  const change = page.getByRole("form", { name: "Report a change of circumstances" });
  await change.getByLabel("What has changed").selectOption({ label: "Authorised traders" });
  await change.getByLabel("What changed, and since when").fill("Wong Ka Yan moves to the Singapore office next month.");
  await change.getByRole("button", { name: "Report the change" }).click();
  await expect(change.getByRole("status")).toContainText("Your report was received");
  // Another officer takes the re-review: the first one has used two TOTP codes already (sign-in and
  // step-up), and a third inside one time step would have to wait for the next.
  const reReviewer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "corporate-rereview");
  const reReviewContext = await browser.newContext({ baseURL, storageState: await signInByApi(baseURL, reReviewer) });
  const reReviewDesk = await reReviewContext.newPage();
  await reReviewDesk.goto("/compliance/reviews");
  const report = reReviewDesk.getByRole("region", { name: `Change reported by ${email}` });
  await expect(report).toContainText("Wong Ka Yan moves to the Singapore office next month.");
  await reReviewDesk.goto(`/step-up?next=/compliance/reviews`);
  await reReviewDesk.getByLabel("Authentication code").fill(await freshCode(baseURL, reReviewer.totpSecret!));
  await reReviewDesk.getByRole("button", { name: "Confirm" }).click();
  await reReviewDesk.waitForURL("**/compliance/reviews");
  const outcome = reReviewDesk.getByRole("form", { name: `Re-review outcome for ${email}` });
  await outcome.getByRole("radio", { name: "No change needed" }).check();
  await outcome.getByLabel("Reason (the client sees it)").fill("The trader keeps the same role; no change to the assessment.");
  await outcome.getByRole("button", { name: "Record outcome" }).click();
  // Decided, the report leaves the waiting list.
  await expect(report).toHaveCount(0);
  await page.goto("/portal/onboarding/circumstances");
  await expect(page.getByRole("table", { name: "Your reports" })).toContainText("No change needed");
  await reReviewContext.close();
  await officerContext.close();
  await context.close();
});
