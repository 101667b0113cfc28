import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import type { PrismaClient } from "../../../prisma/generated/client";
import { createPrismaClient } from "../../prisma-client";
import { signInWithPassword, WRONG_CODE, WRONG_CREDENTIALS } from "./sign-in-with-password";
import { stepUp } from "./step-up";
import { accountLocked, MAX_FAILURES } from "./throttle";
import { startTotpEnrolment } from "../users/start-totp-enrolment";
import { confirmTotpEnrolment } from "../users/confirm-totp-enrolment";
import { createUser } from "../../../prisma/factories";
import { codeAt, contextFor, signedInUser, TEST_SECRET, unique } from "../../../test/service-context";

/**
 * Authentication races: bursts of parallel attempts, each
 * through its own Prisma client and connection pool, as parallel HTTP requests to several portal
 * processes would arrive. What is counted is read back from the database: the audit rows a password
 * or code check writes, and the sessions opened.
 */

const database = testDatabase();
// Several clients, so the burst really runs on separate connections at the same time. (The embedded
// server multiplexes every connection onto one session and accepts 32: one pool of 8 there.)
const POOLS = database.kind === "embedded" ? 1 : 4;
const clients: PrismaClient[] = Array.from({ length: POOLS }, () => createPrismaClient(database.url, database.schema));
const client = clients[0];
afterAll(() => Promise.all(clients.map((c) => c.$disconnect())));

const PASSWORD = "Correct-horse-9-battery";
// Read when used, so that on code without it the counts above it are what fails.
const locked = () => accountLocked(null).message;
const anon = (i: number, now: Date) => contextFor(clients[i % POOLS], null, () => now);

async function burst<T>(n: number, attempt: (i: number) => Promise<T>) {
  const outcomes = await Promise.allSettled(Array.from({ length: n }, (_, i) => attempt(i)));
  const ok = outcomes.filter((o) => o.status === "fulfilled").length;
  const messages = outcomes.flatMap((o) => (o.status === "rejected" ? [String((o.reason as Error).message)] : []));
  return { ok, messages };
}

async function failedChecks(email: string, action: "auth.sign_in_failed" | "auth.step_up_failed", reasons: string[]) {
  return client.auditLog.count({ where: { actorEmail: email, action, reason: { in: reasons } } });
}

describe("lockout under parallel bursts", () => {
  it("60 parallel wrong passwords check at most MAX_FAILURES of them; every refusal after that reads the same", async () => {
    const email = unique("burst");
    await createUser(client, { email, roles: ["CLIENT"] });
    const now = new Date();
    const { ok, messages } = await burst(60, (i) => signInWithPassword({ ctx: anon(i, now), input: { email, password: `Wrong-guess-${i}-x` } }));
    const checked = await failedChecks(email, "auth.sign_in_failed", ["wrong password"]);
    console.log(`[lockout] 60 parallel wrong passwords: ${checked} checked, ${ok} signed in, ${new Set(messages).size} distinct messages`);
    expect(ok).toBe(0);
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES);
    expect(messages.filter((m) => m === locked()).length).toBeGreaterThanOrEqual(60 - MAX_FAILURES);
    // Nothing else: no "N more tries" countdown that differs within a burst, no "unavailable".
    expect(new Set(messages.filter((m) => m !== locked()))).toEqual(new Set([WRONG_CREDENTIALS]));
  });

  it("after the lockout, 10 parallel attempts with the RIGHT password open no session and read exactly as the wrong ones", async () => {
    const email = unique("rightpw");
    const user = await createUser(client, { email, roles: ["CLIENT"] });
    const now = new Date();
    const wrong = await burst(20, (i) => signInWithPassword({ ctx: anon(i, now), input: { email, password: `Wrong-guess-${i}-x` } }));
    const right = await burst(10, (i) => signInWithPassword({ ctx: anon(i, now), input: { email, password: PASSWORD } }));
    const sessions = await client.authSession.count({ where: { userId: user.id } });
    console.log(`[lockout] 10 parallel right passwords after lockout: ${right.ok} signed in, ${sessions} sessions`);
    expect(right.ok).toBe(0);
    expect(sessions).toBe(0);
    expect(wrong.messages).toContain(locked());
    expect(new Set(right.messages)).toEqual(new Set([locked()]));
    // The right password was never even compared while the account was locked.
    expect(await failedChecks(email, "auth.sign_in_failed", ["account locked"])).toBeGreaterThanOrEqual(20 - MAX_FAILURES + 10);
  });

  it("one attempt left, then a burst of 9 wrong and 1 right: only one of them is checked, so the right one wins only if it is that one", async () => {
    const email = unique("last-slot");
    const user = await createUser(client, { email, roles: ["CLIENT"] });
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await signInWithPassword({ ctx: anon(0, now), input: { email, password: `Earlier-guess-${i}-x` } }).catch(() => {});
    const { seq: before } = await client.auditLog.findFirstOrThrow({ where: { actorEmail: email }, orderBy: { seq: "desc" }, select: { seq: true } });
    const { ok } = await burst(10, (i) => signInWithPassword({ ctx: anon(i, now), input: { email, password: i === 9 ? PASSWORD : `Wrong-guess-${i}-x` } }));
    const rows = await client.auditLog.findMany({
      where: { actorEmail: email, seq: { gt: before } },
      orderBy: { seq: "asc" },
      select: { action: true, reason: true },
    });
    const firstSession = rows.findIndex((row) => row.action === "auth.sign_in");
    const checkedFirst = rows.slice(0, firstSession === -1 ? rows.length : firstSession).filter((row) => row.reason === "wrong password").length;
    console.log(`[lockout] one attempt left, burst of 9 wrong + 1 right: ${checkedFirst} wrong checked before the outcome, ${ok} signed in`);
    // Base code: every one of the 10 was checked, and the right one signed in after the lock had started.
    expect(checkedFirst + ok).toBeLessThanOrEqual(1);
    expect(await client.authSession.count({ where: { userId: user.id } })).toBe(ok);
  });

  it("20 parallel wrong step-up codes check at most MAX_FAILURES of them", async () => {
    const actor = await signedInUser(client, ["ADMIN"]);
    const now = new Date();
    const good = await codeAt(TEST_SECRET, now);
    const wrongCode = (i: number) => {
      const code = String(100000 + i * 7919).slice(0, 6);
      return code === good ? "999999" : code;
    };
    const { ok, messages } = await burst(20, (i) => stepUp({ ctx: contextFor(clients[i % POOLS], actor, () => now), input: { code: wrongCode(i) } }));
    const checked = await failedChecks(actor.email, "auth.step_up_failed", ["wrong TOTP code"]);
    console.log(`[lockout] 20 parallel wrong step-up codes: ${checked} checked`);
    expect(ok).toBe(0);
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES);
    expect(messages.filter((m) => m === locked()).length).toBeGreaterThanOrEqual(20 - MAX_FAILURES);
  });
});

describe("TOTP single use under parallel bursts", () => {
  it("the same TOTP code sent 10 times in parallel opens exactly one session", async () => {
    const email = unique("totp-burst");
    const user = await createUser(client, { email, roles: ["COMPLIANCE_OFFICER"], totpSecret: TEST_SECRET });
    const now = new Date();
    const code = await codeAt(TEST_SECRET, now);
    const { ok, messages } = await burst(10, (i) => signInWithPassword({ ctx: anon(i, now), input: { email, password: PASSWORD, totp: code } }));
    const sessions = await client.authSession.count({ where: { userId: user.id } });
    console.log(`[single-use code] 10 parallel identical TOTP codes: ${sessions} sessions`);
    expect(sessions).toBe(1);
    expect(ok).toBe(1);
    // The losers read as a used code, or (past the allowance of attempts) as locked: never anything else.
    expect(messages.every((m) => m === WRONG_CODE || m === locked())).toBe(true);
  });

  it("the same step-up code sent 10 times in parallel is accepted once", async () => {
    const actor = await signedInUser(client, ["ADMIN"]);
    const now = new Date();
    const code = await codeAt(TEST_SECRET, now);
    const { ok } = await burst(10, (i) => stepUp({ ctx: contextFor(clients[i % POOLS], actor, () => now), input: { code } }));
    const accepted = await client.auditLog.count({ where: { actorId: actor.userId, action: "auth.step_up" } });
    console.log(`[single-use code] 10 parallel identical step-up codes: ${accepted} accepted`);
    expect(ok).toBe(1);
    expect(accepted).toBe(1);
  });

  it("the same enrolment code sent 10 times in parallel confirms enrolment once", async () => {
    const actor = await signedInUser(client, ["CLIENT"], { totp: false });
    const { secret } = await startTotpEnrolment({ ctx: contextFor(client, actor) });
    const now = new Date();
    const code = await codeAt(secret, now);
    const { ok } = await burst(10, (i) => confirmTotpEnrolment({ ctx: contextFor(clients[i % POOLS], actor, () => now), input: { code } }));
    const enrolled = await client.auditLog.count({ where: { actorId: actor.userId, action: "user.totp_enrolled" } });
    console.log(`[single-use code] 10 parallel identical enrolment codes: ${enrolled} confirmations`);
    expect(ok).toBe(1);
    expect(enrolled).toBe(1);
    // The code that confirmed enrolment cannot then be used to sign in.
    const email = (await client.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } })).email;
    await expect(signInWithPassword({ ctx: anon(0, now), input: { email, password: PASSWORD, totp: code } })).rejects.toThrow(/already used/);
  });
});
