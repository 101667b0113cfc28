import { expect, test } from "@playwright/test";
import { asClient, freshCode, signInByApi } from "./auth-helpers";
import { freshUser } from "./test-users";

// CMP-1, CMP-2: a member of the public finds the complaints procedure from the footer and lodges a
// complaint; a compliance officer acknowledges it, tags its root cause and drafts the outcome letter
// (which carries the FDRC paragraph); a Responsible Officer, as the MIC, reviews the letter after a
// step-up; the officer closes the complaint, which is refused until the review is done.

test("CMP-1, CMP-2: the public lodges a complaint; an officer handles it, the MIC reviews the letter, the officer closes it", async ({
  browser,
  baseURL,
}, testInfo) => {
  const text = `E2E complaint ${testInfo.workerIndex}-${Date.now()}: my stop order did not trigger.`;

  // The public: from the footer to the procedure, a refusal of an empty complaint, then the complaint.
  const visitor = await browser.newContext({ extraHTTPHeaders: asClient() });
  const page = await visitor.newPage();
  await page.goto("/disclosures");
  await page.locator("footer").getByRole("link", { name: "Complaints and enquiries" }).click();
  await page.waitForURL("**/complaints");
  await expect(page.getByRole("heading", { level: 1, name: "Complaints and enquiries" })).toBeVisible();
  await expect(page.getByTestId("complaints-fdrc")).toContainText("Financial Dispute Resolution Centre");

  const form = page.getByTestId("complaint-form");
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByRole("alert")).toContainText("Give the description of your complaint or enquiry.");

  await form.getByLabel("This is").selectOption("complaint");
  await form.getByLabel("It is about").selectOption("trading_execution");
  await form.getByLabel("What happened, or what you would like to know").fill(text);
  await form.getByLabel("E-mail address for our reply (optional)").fill("e2e-complainant@example.test");
  // A file whose bytes are not a PDF, PNG or JPEG is refused by what it is, whatever its name; nothing is recorded.
  await form.getByLabel("Files (optional)").setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf") });
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByRole("alert")).toContainText("is not a PDF, PNG or JPEG file");
  await expect(form.getByRole("status")).toHaveCount(0);
  // The form comes back with what was typed; the file is chosen again, a real PDF this time.
  await expect(form.getByLabel("What happened, or what you would like to know")).toHaveValue(text);
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  await form.getByLabel("Files (optional)").setInputFiles({ name: "order-confirmation.pdf", mimeType: "application/pdf", buffer: pdf });
  await form.getByRole("button", { name: "Send" }).click();
  const received = form.getByRole("status");
  await expect(received).toContainText("Your complaint has been received.");
  const reference = /C-[0-9A-F]{8}/.exec((await received.textContent()) ?? "")?.[0];
  expect(reference).toBeTruthy();
  await visitor.close();

  // The compliance officer: acknowledges, tags the root cause, drafts the letter; closing is refused until the MIC review.
  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "complaints-officer");
  const officerContext = await browser.newContext({ storageState: await signInByApi(baseURL!, officer) });
  const officerPage = await officerContext.newPage();
  await officerPage.goto("/compliance/complaints");
  const row = officerPage.getByTestId("complaint-row").filter({ hasText: reference! });
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: reference! }).click();
  await expect(officerPage.getByRole("heading", { level: 1, name: `Complaint ${reference}` })).toBeVisible();
  await expect(officerPage.getByTestId("complaint-text")).toHaveText(text);
  // The file sent with it downloads exactly as received.
  const attachment = officerPage.getByTestId("complaint-attachments").getByRole("link", { name: /order-confirmation\.pdf/ });
  const [download] = await Promise.all([officerPage.waitForEvent("download"), attachment.click()]);
  const fs = await import("node:fs");
  expect(fs.readFileSync(await download.path())).toEqual(pdf);

  // A step done takes its form away: the page's state shows it.
  await officerPage.getByTestId("complaint-acknowledge").getByRole("button", { name: "Acknowledge" }).click();
  await expect(officerPage.getByTestId("complaint-acknowledge")).toHaveCount(0);
  await expect(officerPage.getByTestId("complaint-state")).toContainText("Acknowledged");

  const causes = officerPage.getByTestId("complaint-root-causes");
  await causes.getByLabel("Client misunderstanding").check();
  await causes.getByRole("button", { name: "Save root causes" }).click();
  await expect(officerPage.getByRole("status").filter({ hasText: "Root causes saved." })).toBeVisible();

  const draft = officerPage.getByTestId("complaint-draft-letter");
  await draft.getByLabel("Outcome: what we found and what we will do").fill("Your stop order triggers on the mark price, which did not reach your stop.");
  await draft.getByRole("button", { name: "Draft the letter" }).click();
  await expect(officerPage.getByRole("status").filter({ hasText: "Outcome letter drafted." })).toBeVisible();
  await officerPage.reload();
  const letter = officerPage.getByTestId("complaint-letter");
  await expect(letter).toContainText(reference!);
  await expect(letter).toContainText("Financial Dispute Resolution Centre (FDRC)");
  await expect(officerPage.getByTestId("complaint-close-needs")).toBeVisible();
  await expect(officerPage.getByTestId("complaint-close")).toHaveCount(0);

  // The MIC: a Responsible Officer, after a step-up, reviews the letter as drafted.
  const mic = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "complaints-mic");
  const micContext = await browser.newContext({ storageState: await signInByApi(baseURL!, mic) });
  const micPage = await micContext.newPage();
  const complaintPath = new URL(officerPage.url()).pathname;
  await micPage.goto(complaintPath);
  await expect(micPage.getByRole("link", { name: "Confirm with your authentication code" })).toBeVisible();
  await micPage.goto(`/step-up?next=${encodeURIComponent(complaintPath)}`);
  await micPage.getByLabel("Authentication code").fill(await freshCode(baseURL!, mic.totpSecret!));
  await micPage.getByRole("button", { name: "Confirm" }).click();
  await micPage.waitForURL(`**${complaintPath}`);
  await micPage.getByTestId("complaint-review").getByRole("button", { name: "Approve the letter" }).click();
  await expect(micPage.getByTestId("complaint-review")).toHaveCount(0);
  await expect(micPage.getByText(`Reviewed by ${mic.name}`)).toBeVisible();
  await micContext.close();

  // The officer closes it; the record stays, with its whole log.
  await officerPage.reload();
  await officerPage.getByTestId("complaint-close").getByRole("button", { name: "Close the complaint" }).click();
  await expect(officerPage.getByTestId("complaint-facts")).toHaveAttribute("data-status", "closed");
  await expect(officerPage.getByTestId("complaint-close")).toHaveCount(0);
  await expect(officerPage.getByTestId("complaint-log").locator(":scope > li")).toHaveCount(6);
  // The log's "received" entry names the file sent with the complaint.
  await expect(officerPage.getByTestId("complaint-log").locator(":scope > li").first()).toContainText("order-confirmation.pdf");
  await officerPage.goto("/compliance/complaints");
  await expect(officerPage.getByTestId("complaints-closed").getByTestId("complaint-row").filter({ hasText: reference! })).toBeVisible();
  await officerPage.screenshot({ path: testInfo.outputPath(`complaints-${testInfo.project.name}.png`), fullPage: true });
  await officerContext.close();
});

test("CMP-2: the complaints procedure is linked from the signed-in account menu and reads in Traditional Chinese", async ({ browser, baseURL }, testInfo) => {
  const client = await freshUser(testInfo, "CLIENT", "complaints-client");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL!, client) });
  const page = await context.newPage();
  await page.goto("/account");
  await page.getByLabel("Signed-in user").getByRole("link", { name: "Complaints and enquiries" }).click();
  await page.waitForURL("**/complaints");
  await expect(page.getByText("You are signed in to your client account")).toBeVisible();
  await expect(page.getByLabel("E-mail address for our reply (optional)")).toHaveCount(0);
  await page.goto("/zh-HK/complaints");
  await expect(page.getByRole("heading", { level: 1, name: "投訴及查詢" })).toBeVisible();
  await expect(page.getByTestId("complaints-fdrc")).toContainText("金融糾紛調解中心");
  await context.close();
});
