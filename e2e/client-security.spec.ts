import { expect, test } from "@playwright/test";
import { createApprovedOnboardingCase } from "../prisma/factories";
import { signUpNewClient, verifyEmailAndEnrolTotp } from "./client-helpers";
import { serverOf } from "./servers";
import { withDatabase } from "./test-users";

// SEC-1: perps access needs a verified e-mail address and a second factor, and the portal says what
// is missing. The demo portal sends no e-mail: its demo mailbox shows what would have been sent.

test("SEC-1: sign-up → confirm the e-mail from the demo mailbox → set up TOTP → perps access becomes possible", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const baseURL = String(testInfo.project.use.baseURL);
  const { context, page, email } = await signUpNewClient(browser, baseURL, { name: "Sec One" });
  // The approval itself is tested in onboarding.spec.ts: here the case is as an officer's approval leaves it.
  await withDatabase(serverOf(testInfo), async (prisma) => {
    const { id } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await createApprovedOnboardingCase(prisma, id);
  });

  const access = page.getByRole("region", { name: "Your access to perpetual contracts" });
  await page.goto("/portal/positions");
  await expect(access).toContainText("Confirm your e-mail address before trading perpetual contracts");
  await expect(page.getByRole("button", { name: "Open simulated account" })).toHaveCount(0);
  await access.getByRole("link", { name: "Confirm your e-mail address on your account page" }).click();
  await page.waitForURL("**/account");
  await expect(page.getByText(`${email} is not confirmed yet. We e-mailed it a code`)).toBeVisible();
  await expect(page.getByText("This is a demonstration portal: it sends no real e-mail.")).toBeVisible();

  // The demo mailbox is labelled as such and shows only this user's own mail.
  await page.goto("/demo-mailbox");
  await expect(page.getByRole("heading", { level: 1, name: "Demo mailbox" })).toBeVisible();
  await expect(page.getByText("A production portal has no such page.")).toBeVisible();
  await expect(page.getByTestId("demo-mail").first()).toContainText(`To: ${email}`);

  // A wrong code is refused with what was wrong, and changes nothing.
  await page.goto("/account");
  const verify = page.getByRole("form", { name: "Confirm your e-mail address" });
  await verify.getByLabel("Code from the e-mail").fill("ZZZZZ-ZZZZZ");
  await verify.getByRole("button", { name: "Confirm e-mail address" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right: check the e-mail" })).toBeVisible();
  // Asking again at once is throttled.
  await page.getByRole("button", { name: "E-mail me a new code" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A code was sent less than a minute ago" })).toBeVisible();

  await verifyEmailAndEnrolTotp(page);
  await page.goto("/portal/positions");
  // Past the gate: the risk disclosure (DISC-8) is what is left before the first order.
  await expect(access).not.toContainText("Confirm your e-mail address");
  await expect(access).not.toContainText("two-factor");
  await page.goto("/portal/onboarding/risk-disclosures");
  const ack = page.getByRole("form", { name: "Acknowledge the risk disclosure" });
  await ack.getByRole("checkbox", { name: "I have read and understood" }).check();
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("region", { name: "Your acknowledgement" }).getByText(/^Acknowledged\./)).toBeVisible();
  await page.goto("/portal/positions");
  await expect(access).toContainText("Active until");
  await expect(page.getByRole("button", { name: "Open simulated account" })).toBeVisible();
  await context.close();
});
