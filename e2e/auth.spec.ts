import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { demoUser, freshCode, signInByApi } from "./auth-helpers";
import { freshUser, sessionOf } from "./test-users";

// Next's route announcer is also role="alert"; the portal's own alerts are the ones with text.
// The site-wide insurance-fund banner is an alert too; these tests mean the page's own messages.
const alertOf = (page: Page) => page.locator('main [role="alert"]');

const baseOf = (testInfo: { project: { use: { baseURL?: string } } }) => String(testInfo.project.use.baseURL);

async function signInInBrowser(page: Page, email: string, password: string, code?: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  if (code) await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The answer is in once the button is back (its label reads "Signing in…" meanwhile).
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
}

test("SEC-1: a compliance officer cannot sign in without the TOTP code; with it, lands on the audit log with the chain verified", async ({
  page,
}, testInfo) => {
  const co = await freshUser(testInfo, "COMPLIANCE_OFFICER");
  const response = await page.goto("/compliance/audit-log");
  expect(page.url()).toContain("/sign-in?next=%2Fcompliance%2Faudit-log");
  expect(response?.status()).toBe(200);
  await signInInBrowser(page, co.email, co.password);
  await expect(alertOf(page)).toContainText("enter the 6-digit code");
  await page.getByLabel("Authentication code").fill(await freshCode(baseOf(testInfo), co.totpSecret!));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/compliance/audit-log");
  await expect(page.getByTestId("chain-status")).toContainText(/Chain intact: \d+ rows verified/);
  // The page names the signed checkpoint outside the database (the first is written seconds after start).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("checkpoint-status")).toContainText(/Last signed checkpoint: row \d+ at .+ HKT \(\d+ signed checkpoints?\)/, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(co.name)).toBeVisible();
  await expect(page.getByRole("cell", { name: "auth.sign_in", exact: true }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("audit-log.png"), fullPage: true });

  // Filter by action and actor, then export what is shown.
  await page.getByLabel("Action").selectOption("auth.sign_in");
  await page.getByLabel("Actor (email contains)").fill(co.email.split("@")[0]);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=auth.sign_in/);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("seq,at,actorId,actorEmail,action,entity,entityId,before,after,reason,prevHash,hash,hashVersion");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain(",auth.sign_in,");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in?reason=signed-out");
  await expect(page.getByText("You have signed out.")).toBeVisible();
  const after = await page.goto("/compliance/audit-log");
  expect(after?.url()).toContain("/sign-in?next=");
});

test("a wrong password says so, the same words every time; repeated failures lock sign-in", async ({ page }) => {
  const email = `nobody-${crypto.randomBytes(4).toString("hex")}@example.com`;
  await page.goto("/sign-in");
  for (let i = 1; i < 5; i++) {
    await signInInBrowser(page, email, "Wrong-password-1");
    await expect(alertOf(page)).toHaveText("Email or password is incorrect. 5 failed attempts within 15 minutes lock sign-in for 15 minutes.");
  }
  await signInInBrowser(page, email, "Wrong-password-1");
  await expect(alertOf(page)).toHaveText("Too many failed attempts for this account. Wait 15 minutes, then try again.");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alertOf(page)).toContainText("Enter a valid email address");
});

test("a client signs up (bad input is explained), changes the password and enrols TOTP", async ({ page }, testInfo) => {
  const email = `client-${crypto.randomBytes(4).toString("hex")}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("Test Client");
  await page.getByLabel("Email").fill("bad-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the password").fill("short");
  await page.getByRole("button", { name: "Open account" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.com");
  await expect(alertOf(page)).toHaveText("Check the fields marked below; nothing was changed.");
  await expect(page.locator("#password-error")).toHaveText(/Password too weak: use at least 12 characters .* one letter and one digit/);
  await page.screenshot({ path: testInfo.outputPath("sign-up-errors.png"), fullPage: true });

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("First-password-1");
  await page.getByLabel("Repeat the password").fill("First-password-1");
  await page.getByRole("button", { name: "Open account" }).click();
  await page.waitForURL("**/account?welcome=1");
  await expect(page.getByText("Your client account is open")).toBeVisible();

  await page.getByLabel("Current password").fill("Not-my-password-1");
  await page.getByLabel("New password", { exact: true }).fill("Second-password-2");
  await page.getByLabel("Repeat the new password").fill("Second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(alertOf(page)).toContainText("Your current password is not correct; nothing was changed.");
  await page.getByLabel("Current password").fill("First-password-1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();

  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expect(page.getByText(/otpauth:\/\/totp\//)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("totp-enrolment.png"), fullPage: true });
  await page.getByLabel("Code from the app").fill("000000" === (await generate({ secret })) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(alertOf(page)).toContainText("does not match");
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByText("On (authenticator app)")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("account.png"), fullPage: true });
});

test("SEC-1, AFMM-2: an admin must step up before a role change; the AFMM-2 combination is refused; the change is audited", async ({ browser }, testInfo) => {
  const baseURL = baseOf(testInfo);
  const admin = await freshUser(testInfo, "ADMIN");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL, admin) });
  const page = await context.newPage();
  await page.goto("/admin/users");
  await expect(page.getByText("Changing roles needs a fresh authenticator code")).toBeVisible();
  const ro = page.getByRole("form", { name: "Roles of ro@demo.hkperps.example" });
  await ro.getByLabel("AFMM trader").check();
  await ro.getByLabel("Reason for the change").fill("testing the barrier");
  await ro.getByRole("button", { name: "Save roles" }).click();
  await expect(ro.getByRole("alert")).toContainText(/AFMM-2|Confirm it is you/);

  await page.goto("/step-up?next=/admin/users");
  await page.getByLabel("Authentication code").fill("12345");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(alertOf(page)).toContainText("6-digit code");
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL, admin.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL("**/admin/users");
  await expect(page.getByText(/Step-up confirmed at/)).toBeVisible();

  const roForm = page.getByRole("form", { name: "Roles of ro@demo.hkperps.example" });
  await roForm.getByLabel("AFMM trader").check();
  await roForm.getByLabel("Reason for the change").fill("testing the barrier");
  await roForm.getByRole("button", { name: "Save roles" }).click();
  await expect(roForm.getByRole("alert")).toContainText("AFMM-2: a platform-operations role and an AFMM role cannot be held by the same user");

  // A demo user no other test relies on: the 2FA client becomes an auditor (a family change).
  const auditor = page.getByRole("form", { name: "Roles of client.2fa@demo.hkperps.example" });
  await auditor.getByLabel("Client", { exact: true }).uncheck();
  await auditor.getByLabel("Auditor (read-only)").check();
  await auditor.getByLabel("Reason for the change").fill("covering the compliance desk this week");
  await auditor.getByRole("button", { name: "Save roles" }).click();
  await expect(auditor.getByRole("status")).toContainText("Roles saved.");
  await page.screenshot({ path: testInfo.outputPath("admin-users.png"), fullPage: true });
  await context.close();

  const co = await browser.newContext({ storageState: await sessionOf(testInfo, "COMPLIANCE_OFFICER") });
  const log = await co.newPage();
  await log.goto("/compliance/audit-log?action=user.roles_change");
  await expect(log.getByText("covering the compliance desk this week")).toBeVisible();
  await expect(log.getByTestId("chain-status")).toContainText("Chain intact");
  await co.close();
});

test("security headers, session cookie flags, and next-auth's CSRF check", async ({ request, browser }, testInfo) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Demo mode runs on plain http://localhost: HSTS is for production mode only.
  expect(headers["strict-transport-security"]).toBeUndefined();

  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "CLIENT") });
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await context.close();

  const forged = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: "forged", email: demoUser("CLIENT").email, password: demoUser("CLIENT").password, json: "true" },
    maxRedirects: 0,
  });
  const body = await forged.json();
  expect(body.url).toContain("csrf=true");
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("next-auth.session-token");
});

test("an expired or revoked session sends the user to sign-in with a reason", async ({ browser }) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: "next-auth.session-token", value: "expired-or-forged", domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  await page.goto("/account");
  expect(page.url()).toContain("reason=expired");
  await expect(page.getByText("Your session has ended")).toBeVisible();
  await context.close();
});
