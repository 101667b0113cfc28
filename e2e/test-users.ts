import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { generateSecret } from "otplib";
import type { Role } from "../lib/auth/permissions";
import { parseKeyring } from "../lib/auth/totp-secret-box";
import { createPrismaClient } from "../lib/prisma-client";
import { createApprovedOnboardingCase, createUser } from "../prisma/factories";
import type { DemoUser } from "../prisma/demo-users";
import { demoUser, signInByApi } from "./auth-helpers";
import { serverOf, totpKeysOf, type ServerInfo } from "./servers";

/**
 * Users a test owns. A test that signs in through the form, steps up or locks an account makes its
 * own user here, so it never waits for a TOTP time step another test already used (a code is
 * accepted once per step) and never trips another test's lockout. Written into the server's own
 * database with the factory the seed uses, and TOTP secrets sealed under the server's key.
 */
export async function freshUser(
  testInfo: Pick<TestInfo, "project">,
  role: Role,
  label = role.toLowerCase(),
  { totp = role !== "CLIENT" }: { totp?: boolean } = {},
): Promise<DemoUser> {
  const server = serverOf(testInfo);
  const user: DemoUser = {
    email: `${label.replaceAll("_", "-")}-${crypto.randomBytes(5).toString("hex")}@e2e.example`,
    name: `${label.replaceAll("_", " ")} ${crypto.randomBytes(2).toString("hex")} (e2e)`,
    role,
    password: `E2e-${crypto.randomBytes(9).toString("base64url")}-9`,
    totpSecret: totp ? generateSecret() : null,
  };
  await withDatabase(server, (prisma) =>
    createUser(prisma, {
      email: user.email,
      name: user.name,
      roles: [role],
      password: user.password,
      totpSecret: user.totpSecret,
      totpKeyring: parseKeyring(totpKeysOf(server)),
    }),
  );
  return user;
}

/**
 * A client whose professional-investor status an officer has already approved, as the approval would
 * leave it (onboarding.spec.ts goes through the approval itself in the browser). The client still
 * acknowledges the risk disclosure and trades through the portal's own pages.
 */
export async function freshApprovedClient(testInfo: Pick<TestInfo, "project">): Promise<DemoUser> {
  // Perps access needs a verified e-mail address (createUser's default) and a second factor (SEC-1).
  const user = await freshUser(testInfo, "CLIENT", "approved-client", { totp: true });
  await withDatabase(serverOf(testInfo), async (prisma) => {
    const { id } = await prisma.user.findUniqueOrThrow({ where: { email: user.email }, select: { id: true } });
    await createApprovedOnboardingCase(prisma, id);
  });
  return user;
}

/**
 * The signed-in session of a demo user, as the setup project saved it (each role signs in once per
 * run). On a server without saved sessions (the embedded smoke set), or when the setup project did
 * not run (a market mover run alone with --no-deps), the role signs in here and the session is kept
 * for the rest of the run.
 */
export async function sessionOf(testInfo: Pick<TestInfo, "project">, role: Role): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  const server = serverOf(testInfo);
  const file = sessionFile(role);
  if (server.sessions && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  const state = await signInByApi(String(testInfo.project.use.baseURL), demoUser(role));
  if (server.sessions) writeSession(file, state);
  return state;
}

/** Written whole under a temporary name, then renamed: a worker reading it never sees half a file. */
export function writeSession(file: string, state: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state));
  fs.renameSync(temporary, file);
}

export function sessionFile(role: Role): string {
  return path.join(import.meta.dirname, `../test-results/e2e-sessions-${process.env.E2E_RUN_STAMP ?? "local"}/${role}.json`);
}

export async function withDatabase<T>(server: ServerInfo, fn: (prisma: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(server.databaseUrl, server.schema);
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * An approved client who has acknowledged the risk disclosure in the browser and opened a simulated
 * trading account with the demo deposit settled: ready to place orders on /portal/positions.
 */
export async function clientReadyToTrade(
  browser: Browser,
  testInfo: Pick<TestInfo, "project">,
  baseURL: string,
): Promise<{ client: DemoUser; context: BrowserContext; page: Page }> {
  const client = await freshApprovedClient(testInfo);
  const context = await browser.newContext({ storageState: await signInByApi(baseURL, client) });
  const page = await context.newPage();
  await page.goto("/portal/onboarding/risk-disclosures");
  const ack = page.getByRole("form", { name: "Acknowledge the risk disclosure" });
  await ack.getByRole("checkbox", { name: "I have read and understood" }).check();
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("region", { name: "Your acknowledgement" }).getByText(/^Acknowledged\./)).toBeVisible();
  await page.goto("/portal/positions");
  await page.getByRole("button", { name: "Open simulated account" }).click();
  await expect(page.getByText("No deposits pending.")).toBeVisible({ timeout: 30_000 });
  return { client, context, page };
}
