import crypto from "node:crypto";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generate } from "otplib";
import { CURRENT_RISK_QUIZ_BANK } from "../lib/suitability/quiz-banks";
import { asClient } from "./auth-helpers";

/** A brand-new client, signed up through the real form (onboarding starts after sign-up), signed in. */
export async function signUpNewClient(
  browser: Browser,
  baseURL: string,
  options: { name?: string; javaScriptEnabled?: boolean; secureAccount?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; email: string; totpSecret?: string }> {
  const email = `client-${crypto.randomBytes(5).toString("hex")}@example.com`;
  // Its own client address, so sign-ups across the suite do not share one rate limit.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: options.javaScriptEnabled ?? true, extraHTTPHeaders: asClient() });
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(options.name ?? "New Test Client");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("Onboarding-test-1");
  await page.getByLabel("Repeat the password").fill("Onboarding-test-1");
  await page.getByRole("button", { name: "Open account" }).click();
  await page.waitForURL("**/account?welcome=1");
  // Perps access needs a confirmed e-mail address and two-factor authentication (SEC-1): done in the browser.
  if (options.secureAccount) return { context, page, email, totpSecret: await verifyEmailAndEnrolTotp(page) };
  return { context, page, email };
}

/**
 * SEC-1 as a new client does it on the demo portal: read the code in the demo mailbox, confirm the
 * e-mail address on the account page, then set up an authenticator app. Returns the TOTP secret.
 */
export async function verifyEmailAndEnrolTotp(page: Page): Promise<string> {
  await page.goto("/demo-mailbox");
  const mail = page.getByTestId("demo-mail").filter({ hasText: "Your e-mail verification code" }).first();
  const code = /[0-9A-Z]{5}-[0-9A-Z]{5}/.exec((await mail.textContent()) ?? "")?.[0];
  if (!code) throw new Error("the demo mailbox shows no verification code");
  await page.goto("/account");
  const verify = page.getByRole("form", { name: "Confirm your e-mail address" });
  await verify.getByLabel("Code from the e-mail").fill(code);
  await verify.getByRole("button", { name: "Confirm e-mail address" }).click();
  await expect(page.getByTestId("email-verified")).toBeVisible();
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").trim();
  const enrol = page.getByRole("form", { name: "Confirm authenticator app" });
  await enrol.getByLabel("Code from the app").fill(await generate({ secret }));
  await enrol.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByText("Your account asks for a code from your authenticator app")).toBeVisible();
  return secret;
}

/** The answers a client who studied would give to the risk quiz now in use: the test knows the bank, the browser never sees the key (SUIT-9). */
export async function answerRiskQuizCorrectly(page: Page): Promise<void> {
  const quiz = page.getByRole("form", { name: "Quiz" });
  await expect(quiz.locator("legend").first()).toBeVisible();
  for (const legend of await quiz.locator("legend").allTextContents()) {
    const text = legend.replace(/^Question \d+: /, "");
    const question = CURRENT_RISK_QUIZ_BANK.questions.find((candidate) => candidate.text === text);
    expect(question, `question "${text}" is in the bank`).toBeDefined();
    const correct = question!.options.find((option) => option.id === question!.correctOptionId)!;
    await quiz.getByRole("radiogroup", { name: legend }).getByRole("radio", { name: correct.text, exact: true }).check();
  }
  await quiz.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("risk_quiz-passed")).toContainText("Passed");
}
