import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createApprovedOnboardingCase, createUser } from "../prisma/factories";
import { demoUser, freshCode, signInByApi } from "./auth-helpers";
import { serverOf } from "./servers";
import { freshUser, withDatabase } from "./test-users";

// SEC-1: a sign-off needs a fresh second factor. Going to confirm it must not cost the officer what
// they typed: the form's entries come back after the step-up, only the code is asked for, and
// nothing is submitted until they press the button again.

async function stepUpThroughLink(page: Page, link: ReturnType<Page["getByRole"]>, baseURL: string, secret: string, returnPath: string) {
  await link.click();
  await page.waitForURL("**/step-up?next=**");
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL, secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL(`**${returnPath}`);
}

test("SEC-1: an officer's review decision and reason survive the step-up; nothing is recorded until they press the button again", async ({
  browser,
}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const server = serverOf(testInfo);
  // A case waiting for a decision: a copy of the demo client's submission (made by the real
  // onboarding services at start-up) for a client of this test's own.
  const { submissionId } = await withDatabase(server, async (prisma) => {
    const demo = await prisma.user.findUniqueOrThrow({ where: { email: demoUser("CLIENT").email }, select: { id: true } });
    const source = await prisma.suitabilitySubmission.findFirstOrThrow({ where: { userId: demo.id }, orderBy: { version: "desc" } });
    const client = await createUser(prisma, { email: `step-up-case-${crypto.randomBytes(5).toString("hex")}@e2e.example`, roles: ["CLIENT"] });
    const submission = await prisma.suitabilitySubmission.create({
      data: {
        userId: client.id,
        version: 1,
        submittedAt: new Date(),
        assessmentDate: source.assessmentDate,
        record: source.record ?? {},
        piPassed: source.piPassed,
        knowledgePassed: source.knowledgePassed,
        quizPassed: source.quizPassed,
        evaluatorPassed: source.evaluatorPassed,
        recordHash: source.recordHash,
        previousHash: null,
      },
    });
    await createApprovedOnboardingCase(prisma, client.id);
    await prisma.onboardingCase.update({
      where: { userId: client.id },
      data: { status: "SUBMITTED", latestSubmissionId: submission.id, verifiedAt: null, expiresAt: null, maxInitialMarginMicroUsd: null },
    });
    return { submissionId: submission.id };
  });

  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "step-up-officer");
  const context = await browser.newContext({ baseURL, storageState: await signInByApi(baseURL, officer) });
  const page = await context.newPage();
  const casePath = `/compliance/reviews/${submissionId}`;
  await page.goto(casePath);
  const form = page.getByRole("form", { name: "Record a decision" });
  const reason = "Evidence of the portfolio is older than allowed; asked for a current statement.";
  await form.getByRole("radio", { name: "Reject", exact: true }).check();
  await form.getByLabel("Reason").fill(reason);
  // The form says a step-up is needed first; its link keeps what was typed.
  await stepUpThroughLink(page, form.getByRole("link", { name: "Confirm it is you" }), baseURL, officer.totpSecret!, casePath);

  await expect(form.getByRole("status").filter({ hasText: "has been put back" })).toBeVisible();
  await expect(form.getByRole("radio", { name: "Reject", exact: true })).toBeChecked();
  await expect(form.getByLabel("Reason")).toHaveValue(reason);
  // Nothing submitted for them, and nothing in the address bar.
  await expect(page.getByTestId("case-status")).toContainText("Waiting for an officer");
  expect(page.url()).not.toContain("Evidence");
  // Nothing kept in the tab after it was put back.
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith("step-up-draft:")))).toEqual([]);

  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("case-status")).toContainText("Rejected");
  await context.close();
});
