import crypto from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { asClient } from "./auth-helpers";

/** A brand-new client, signed up through the real form (onboarding starts after sign-up), signed in. */
export async function signUpNewClient(
  browser: Browser,
  baseURL: string,
  options: { name?: string; javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; email: string }> {
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
  return { context, page, email };
}
