import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "../../prisma-client";
import { signInWithPassword, WRONG_CREDENTIALS } from "./sign-in-with-password";
import { stepUp } from "./step-up";
import { signOut } from "./sign-out";
import { loadSessionActor } from "./load-session-actor";
import { FAILURE_WINDOW_MS, LOCK_MS, MAX_FAILURES, sweepExpiredThrottles } from "./throttle";
import { createUser } from "../../../prisma/factories";
import { codeAt, contextFor, signedInUser, TEST_SECRET, unique } from "../../../test/service-context";
import { Invalid, Locked } from "../errors";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(() => client.$disconnect());

const PASSWORD = "Correct-horse-9-battery";
const anon = (now: Date, db = client) => contextFor(db, null, () => now);

async function auditActions(email: string) {
  const rows = await client.auditLog.findMany({ where: { actorEmail: email }, orderBy: { seq: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

describe("sign-in", () => {
  it("a client without TOTP signs in with email and password; a server-side session and an audit row are written", async () => {
    const email = unique("client");
    await createUser(client, { email, roles: ["CLIENT"] });
    const result = await signInWithPassword({ ctx: anon(new Date()), input: { email: email.toUpperCase(), password: PASSWORD } });
    const actor = await loadSessionActor({ ctx: contextFor(client, null), input: { sessionId: result.sessionId } });
    expect(actor).toMatchObject({ email, roles: ["CLIENT"] });
    expect(await auditActions(email)).toEqual(["auth.sign_in"]);
  });

  it("SEC-1: staff cannot sign in without the second factor; a wrong code fails and counts; the right one works once", async () => {
    const email = unique("co");
    await createUser(client, { email, roles: ["COMPLIANCE_OFFICER"], totpSecret: TEST_SECRET });
    const now = new Date();
    await expect(signInWithPassword({ ctx: anon(now), input: { email, password: PASSWORD } })).rejects.toMatchObject({ code: "TOTP_REQUIRED" });
    const good = await codeAt(TEST_SECRET, now);
    const wrong = good === "000000" ? "111111" : "000000";
    await expect(signInWithPassword({ ctx: anon(now), input: { email, password: PASSWORD, totp: wrong } })).rejects.toThrow(/authentication code is wrong/);
    // Every attempt counts until one succeeds: the one without a code and the one with a wrong code.
    expect((await client.loginThrottle.findUniqueOrThrow({ where: { email } })).failures).toBe(2);
    await signInWithPassword({ ctx: anon(now), input: { email, password: PASSWORD, totp: good } });
    expect(await client.loginThrottle.findUnique({ where: { email } })).toBeNull();
    // Replay of the same code (same time step) is refused.
    await expect(signInWithPassword({ ctx: anon(now), input: { email, password: PASSWORD, totp: good } })).rejects.toThrow(/already used/);
  });

  it("bad input (malformed email) gets a specific message and changes nothing", async () => {
    const before = await client.auditLog.count();
    await expect(signInWithPassword({ ctx: anon(new Date()), input: { email: "not-an-email", password: "x" } })).rejects.toThrow("Enter a valid email address");
    expect(await client.auditLog.count()).toBe(before);
    expect(await client.loginThrottle.findUnique({ where: { email: "not-an-email" } })).toBeNull();
  });
});

describe("sign-in throttling and lockout", () => {
  it(`${MAX_FAILURES} failures lock the account for 15 minutes, even for the right password; every failure reads the same; the lock is in the database; it lifts afterwards`, async () => {
    const email = unique("locked");
    await createUser(client, { email, roles: ["CLIENT"] });
    const t0 = new Date("2030-01-01T00:00:00Z");
    for (let i = 1; i < MAX_FAILURES; i++) {
      const error = await signInWithPassword({ ctx: anon(new Date(t0.getTime() + i * 1000)), input: { email, password: "wrong-password-1" } }).catch((e) => e);
      expect(error).toBeInstanceOf(Invalid);
      // No countdown: parallel attempts would each read a different one.
      expect(error.message).toBe(WRONG_CREDENTIALS);
    }
    const lockError = await signInWithPassword({ ctx: anon(new Date(t0.getTime() + 10_000)), input: { email, password: "wrong-password-1" } }).catch((e) => e);
    expect(lockError).toBeInstanceOf(Locked);
    expect(lockError.until.getTime()).toBe(t0.getTime() + 10_000 + LOCK_MS);
    expect(lockError.message).toBe("Too many failed attempts for this account. Wait 15 minutes, then try again.");

    // A fresh client (as after a restart) sees the same lock, and the right password does not open it.
    const restarted = createPrismaClient(database.url, database.schema);
    try {
      await expect(signInWithPassword({ ctx: anon(new Date(t0.getTime() + 60_000), restarted), input: { email, password: PASSWORD } })).rejects.toBeInstanceOf(
        Locked,
      );
    } finally {
      await restarted.$disconnect();
    }
    const after = new Date(t0.getTime() + 10_000 + LOCK_MS + 1000);
    await expect(signInWithPassword({ ctx: anon(after), input: { email, password: PASSWORD } })).resolves.toMatchObject({ email });

    const actions = await auditActions(email);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(MAX_FAILURES + 1);
    expect(actions).toContain("auth.lockout");
    expect(actions.at(-1)).toBe("auth.sign_in");
  });

  it("rows left by failed sign-ins for made-up emails are swept once they no longer count; live counts and locks stay", async () => {
    const t0 = new Date("2031-03-01T00:00:00Z");
    const [stale, counting, locked] = [unique("stale"), unique("counting"), unique("locked-row")];
    const fail = (email: string, at: Date) => signInWithPassword({ ctx: anon(at), input: { email, password: "wrong-password-1" } }).catch(() => {});
    await fail(stale, new Date(t0.getTime() - FAILURE_WINDOW_MS - 60_000));
    await fail(counting, t0);
    for (let i = 0; i < MAX_FAILURES; i++) await fail(locked, new Date(t0.getTime() - FAILURE_WINDOW_MS + 1000));
    // Now the stale count's window is over, the lock still runs, and the other count is fresh.
    expect(await sweepExpiredThrottles(client as never, new Date(t0.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    const left = async () =>
      (await client.loginThrottle.findMany({ where: { email: { in: [stale, counting, locked] } }, select: { email: true } })).map((r) => r.email).sort();
    expect(await left()).toEqual([counting, locked].sort());
    // Once the lock has ended and the window is over, nothing is left.
    await sweepExpiredThrottles(client, new Date(t0.getTime() + LOCK_MS + FAILURE_WINDOW_MS));
    expect(await left()).toEqual([]);
  });

  it("failures outside the 15-minute window do not add up", async () => {
    const email = unique("slow");
    const t0 = new Date("2030-02-01T00:00:00Z");
    for (let i = 0; i < MAX_FAILURES + 2; i++) {
      const error = await signInWithPassword({ ctx: anon(new Date(t0.getTime() + i * 16 * 60_000)), input: { email, password: "wrong-password-1" } }).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(Invalid);
    }
  });
});

describe("step-up and sign-out", () => {
  it("SEC-1: step-up with a fresh code marks the session; a wrong code is refused and counted", async () => {
    const actor = await signedInUser(client, ["ADMIN"]);
    const now = new Date(Date.now() + 120_000);
    const ctx = contextFor(client, actor, () => now);
    await expect(stepUp({ ctx, input: { code: "12345" } })).rejects.toThrow("6-digit code");
    const good = await codeAt(TEST_SECRET, now);
    await expect(stepUp({ ctx, input: { code: good === "000000" ? "111111" : "000000" } })).rejects.toThrow(/wrong, expired or already used/);
    await stepUp({ ctx, input: { code: good } });
    expect((await client.authSession.findUniqueOrThrow({ where: { id: actor.sessionId } })).stepUpAt).toEqual(now);
    const actions = (await client.auditLog.findMany({ where: { actorId: actor.userId }, select: { action: true } })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.step_up_failed", "auth.step_up"]));
  });

  it("sign-out revokes the server-side session, so the same cookie no longer resolves to a user", async () => {
    const actor = await signedInUser(client, ["CLIENT"]);
    await signOut({ ctx: contextFor(client, actor) });
    expect(await loadSessionActor({ ctx: contextFor(client, null), input: { sessionId: actor.sessionId } })).toBeNull();
  });
});
