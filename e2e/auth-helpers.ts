import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_USERS, type DemoUser } from "../prisma/demo-users";
import type { Role } from "../lib/auth/permissions";

/** The seeded demo user for a role (the plain client, without 2FA, for CLIENT). */
export function demoUser(role: Role): DemoUser {
  return DEMO_USERS.find((user) => user.role === role)!;
}

// A TOTP code is accepted once per time step (replay protection), and the server accepts one step of
// drift: a user can sign in and step up within one step. A test that would need a third code from the
// same user in one step would have to wait for the next: it refuses instead, so no test ever waits for
// a TOTP window (a test that signs in or steps up makes its own user, e2e/test-users.ts). The steps
// used are kept in files because Playwright starts a new worker process after a failing test: one
// file per user, replaced whole (write, then rename), so workers signing in at once never read another's
// half-written file or overwrite each other's steps.
const stepsDir = path.join(import.meta.dirname, `../test-results/totp-steps-${process.env.E2E_RUN_STAMP ?? "local"}`);

export async function freshCode(baseURL: string, secret: string): Promise<string> {
  const file = path.join(stepsDir, `${crypto.createHash("sha256").update(`${baseURL}|${secret}`).digest("hex").slice(0, 24)}.step`);
  const last = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : -1;
  let step = Math.floor(Date.now() / 30_000);
  if (step <= last) step = last + 1;
  if (step > Math.floor(Date.now() / 30_000) + 1) {
    throw new Error(
      "this user's TOTP codes for the current and the next time step are used: give the test its own user (freshUser in e2e/test-users.ts) instead of waiting up to 30 s",
    );
  }
  fs.mkdirSync(stepsDir, { recursive: true });
  const temporary = `${file}.${process.pid}.${crypto.randomUUID()}`;
  fs.writeFileSync(temporary, String(step));
  fs.renameSync(temporary, file);
  return generate({ secret, epoch: step * 30 });
}

/**
 * A made-up client address (100.64.0.0/10, shared address space) for requests to send as
 * "X-Forwarded-For: <address>, <proxy>" (the test servers trust two proxy hops): each simulated
 * client then has its own sign-in and sign-up rate limits instead of sharing the test machine's.
 */
export function testClientAddress(): string {
  const bytes = crypto.randomBytes(3);
  return `100.${64 + (bytes[0] % 64)}.${bytes[1]}.${bytes[2]}`;
}

export function asClient(address: string = testClientAddress()): Record<string, string> {
  return { "X-Forwarded-For": `${address}, 10.0.0.1` };
}

/** Sign in through next-auth's real Credentials endpoint (CSRF token and all); returns the cookie state. */
export async function signInByApi(baseURL: string, user: DemoUser): Promise<Awaited<ReturnType<APIRequestContext["storageState"]>>> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: asClient() });
  try {
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const totp = user.totpSecret ? await freshCode(baseURL, user.totpSecret) : "";
    const response = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: user.email, password: user.password, totp, json: "true" },
      maxRedirects: 0,
    });
    const body = (await response.json()) as { url: string };
    const error = new URL(body.url).searchParams.get("error");
    if (error) throw new Error(`sign-in as ${user.email} failed: ${error}`);
    return await context.storageState();
  } finally {
    await context.dispose();
  }
}
