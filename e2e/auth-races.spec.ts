import crypto from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser } from "@playwright/test";
import { generate } from "otplib";
import { asClient, testClientAddress } from "./auth-helpers";
import { signUpNewClient } from "./client-helpers";
import { sessionOf } from "./test-users";

/**
 * Authentication under attack, over real parallel HTTP requests to the running portal.
 * Every attempt goes through next-auth's Credentials callback as
 * the sign-in form's does. Users are fresh clients from the sign-up form, so no test waits for a
 * demo user's TOTP step. How many passwords were really checked is read from the audit log's CSV
 * export, as a compliance officer would.
 */

const baseOf = (testInfo: { project: { use: { baseURL?: string } } }) => String(testInfo.project.use.baseURL);

const WRONG_CREDENTIALS = "Email or password is incorrect. 5 failed attempts within 15 minutes lock sign-in for 15 minutes.";
const WRONG_CODE = "That authentication code is wrong, expired or already used.";
const LOCKED = "Too many failed attempts for this account. Wait 15 minutes, then try again.";
const PASSWORD = "Onboarding-test-1"; // what signUpNewClient signs up with

interface Attempt {
  error: string | null;
  session: boolean;
}

/** One sign-in POST, as from `address`; whether it opened a session, or the message the form would show. */
async function attempt(api: APIRequestContext, csrfToken: string, form: { email: string; password: string; totp?: string }, address: string): Promise<Attempt> {
  const response = await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: form.email, password: form.password, totp: form.totp ?? "", json: "true" },
    headers: asClient(address),
    maxRedirects: 0,
  });
  const body = (await response.json()) as { url: string };
  const setCookie = response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value)
    .join("\n");
  return { error: new URL(body.url).searchParams.get("error"), session: /next-auth\.session-token=[^;]/.test(setCookie) };
}

async function attacker(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return { api, csrfToken };
}

async function freshClient(browser: Browser, baseURL: string) {
  const { context, page, email } = await signUpNewClient(browser, baseURL, { name: "Race Target" });
  return { context, page, email };
}

/** Rows of the audit log about `email`, read through the compliance export. */
async function auditRows(browser: Browser, baseURL: string, email: string, action: string): Promise<string[]> {
  const officer = await browser.newContext({ baseURL, storageState: await sessionOf(test.info(), "COMPLIANCE_OFFICER") });
  try {
    const response = await officer.request.get(`/api/compliance/audit-log/export?actor=${encodeURIComponent(email)}&action=${action}`);
    expect(response.status()).toBe(200);
    return (await response.text()).trim().split("\r\n").slice(1);
  } finally {
    await officer.close();
  }
}

function tally(results: Attempt[]) {
  const errors = new Map<string, number>();
  for (const r of results) if (r.error) errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
  return { sessions: results.filter((r) => r.session).length, errors: Object.fromEntries(errors) };
}

test("60 parallel wrong passwords from 60 addresses check at most 5; then 10 parallel right ones open no session and read the same", async ({
  browser,
}, testInfo) => {
  const baseURL = baseOf(testInfo);
  const { context, email } = await freshClient(browser, baseURL);
  await context.close();
  const { api, csrfToken } = await attacker(baseURL);

  const wrong = await Promise.all(
    Array.from({ length: 60 }, (_, i) => attempt(api, csrfToken, { email, password: `Wrong-guess-${i}-x` }, testClientAddress())),
  );
  const right = await Promise.all(Array.from({ length: 10 }, () => attempt(api, csrfToken, { email, password: PASSWORD }, testClientAddress())));
  await api.dispose();

  const checked = (await auditRows(browser, baseURL, email, "auth.sign_in_failed")).filter((row) => row.includes(",wrong password,")).length;
  const summary = { checked, wrong: tally(wrong), right: tally(right) };
  console.log(`[lockout over HTTP] ${JSON.stringify(summary)}`);
  testInfo.annotations.push({ type: "lockout", description: JSON.stringify(summary) });

  expect(checked).toBeLessThanOrEqual(5);
  expect(summary.wrong.sessions).toBe(0);
  expect(summary.right.sessions).toBe(0);
  // Only two texts in the whole burst: the wrong password (no countdown), and the lock.
  expect(Object.keys(summary.wrong.errors).sort()).toEqual([WRONG_CREDENTIALS, LOCKED].sort());
  expect(summary.wrong.errors[LOCKED]).toBeGreaterThanOrEqual(55);
  expect(summary.right.errors).toEqual({ [LOCKED]: 10 });
});

test("the same TOTP code sent 10 times in parallel opens exactly one session", async ({ browser }, testInfo) => {
  const baseURL = baseOf(testInfo);
  const { context, page, email } = await freshClient(browser, baseURL);
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const enrolStep = Math.floor(Date.now() / 30_000);
  await page.getByLabel("Code from the app").fill(await generate({ secret, epoch: enrolStep * 30 }));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByText("On (authenticator app)")).toBeVisible();
  await context.close();

  // The next step's code: unused, and within the one step of drift the server accepts.
  const code = await generate({ secret, epoch: (enrolStep + 1) * 30 });
  const { api, csrfToken } = await attacker(baseURL);
  const results = await Promise.all(Array.from({ length: 10 }, () => attempt(api, csrfToken, { email, password: PASSWORD, totp: code }, testClientAddress())));
  await api.dispose();
  const summary = tally(results);
  console.log(`[single-use code over HTTP] ${JSON.stringify(summary)}`);
  testInfo.annotations.push({ type: "single-use code", description: JSON.stringify(summary) });

  expect(summary.sessions).toBe(1);
  for (const error of Object.keys(summary.errors)) expect([WRONG_CODE, LOCKED]).toContain(error);
});

test("sign-in is limited per client address, whatever accounts it tries", async ({ browser }, testInfo) => {
  const { api, csrfToken } = await attacker(baseOf(testInfo));
  const address = testClientAddress();
  const results: Attempt[] = [];
  // 30 failures are allowed per address in 15 minutes, each on a different made-up account.
  for (const batch of [10, 10, 10, 3]) {
    results.push(
      ...(await Promise.all(
        Array.from({ length: batch }, () =>
          attempt(api, csrfToken, { email: `nobody-${crypto.randomBytes(5).toString("hex")}@example.com`, password: "Wrong-guess-1-x" }, address),
        ),
      )),
    );
  }
  // Another address is not affected.
  const elsewhere = await attempt(
    api,
    csrfToken,
    { email: `nobody-${crypto.randomBytes(5).toString("hex")}@example.com`, password: "Wrong-guess-1-x" },
    testClientAddress(),
  );
  await api.dispose();
  const summary = tally(results);
  console.log(`[per-address limit over HTTP] ${JSON.stringify(summary)}`);
  expect(summary.errors).toEqual({ [WRONG_CREDENTIALS]: 30, "Too many failed sign-ins from your network. Wait 15 minutes, then try again.": 3 });
  expect(elsewhere.error).toBe(WRONG_CREDENTIALS);
  void browser;
});

test("sign-up is limited per client address", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: baseOf(testInfo), extraHTTPHeaders: asClient() });
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("Flood Sign-up");
  await page.getByLabel("Email").fill(`flood-${crypto.randomBytes(4).toString("hex")}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill("Harbour-kite-58-plum");
  // Mismatched confirmations: refused as bad input, but every submission counts towards the limit.
  await page.getByLabel("Repeat the password").fill("Harbour-kite-58-pluM");
  const alert = page.locator('main [role="alert"]');
  for (let i = 0; i < 20; i++) {
    await page.getByRole("button", { name: "Open account" }).click();
    await expect(page.getByRole("button", { name: "Open account" })).toBeEnabled();
    await expect(alert).toHaveText("Check the fields marked below; nothing was changed.");
  }
  await page.getByRole("button", { name: "Open account" }).click();
  await expect(alert).toHaveText("Too many sign-ups from your network. Wait an hour, then try again.");
  await context.close();
});

/** Submit the sign-up form as a new visitor; the server action's raw answer, and where the form then went. */
async function signUpAs(browser: Browser, baseURL: string, email: string): Promise<{ answer: string; landedOn: string }> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: asClient() });
  const page = await context.newPage();
  let answer = "";
  await page.route("**/sign-up", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    answer = await response.text();
    await route.fulfill({ response });
  });
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("Someone Else");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("Harbour-kite-58-plum");
  await page.getByLabel("Repeat the password").fill("Harbour-kite-58-plum");
  await page.getByRole("button", { name: "Open account" }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-up");
  const landedOn = new URL(page.url()).pathname + new URL(page.url()).search;
  if (landedOn.startsWith("/sign-in"))
    await expect(page.getByText("If that email already had an account, the account and its password are unchanged")).toBeVisible();
  await context.close();
  return { answer, landedOn };
}

test("sign-up with a registered email gets the same answer as a new one; the account holder is told", async ({ browser }, testInfo) => {
  const baseURL = baseOf(testInfo);
  const holder = await freshClient(browser, baseURL);
  const taken = await signUpAs(browser, baseURL, holder.email);
  const fresh = await signUpAs(browser, baseURL, `fresh-${crypto.randomBytes(5).toString("hex")}@example.com`);
  // The server action answers byte for byte the same: nothing says whether the email had an account.
  expect(taken.answer).toBe(fresh.answer);
  expect(taken.answer).not.toMatch(/already|exists|userId/i);
  // Only signing in with the details entered tells them apart, as it would anyway.
  expect(fresh.landedOn).toBe("/account?welcome=1");
  expect(taken.landedOn).toBe("/sign-in?reason=sign-up");

  await holder.page.goto("/account");
  await expect(holder.page.getByRole("heading", { name: "Security notices" })).toBeVisible();
  await expect(holder.page.getByText("Someone tried to open an account with your email")).toBeVisible();
  await holder.page.screenshot({ path: testInfo.outputPath("account-security-notice.png"), fullPage: true });
  await holder.context.close();
});

test("the reported open redirect /sign-in?next=%2F%09%2Fevil.example%2Fphish stays on the portal", async ({ browser }, testInfo) => {
  const baseURL = baseOf(testInfo);
  const { context, email } = await freshClient(browser, baseURL);
  await context.close();
  const visitor = await browser.newContext({ baseURL, extraHTTPHeaders: asClient() });
  const page = await visitor.newPage();
  await page.goto("/sign-in?next=%2F%09%2Fevil.example%2Fphish");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/account" || url.host !== new URL(baseURL).host);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
  expect(new URL(page.url()).pathname).toBe("/account");
  await visitor.close();
});
