import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "../../prisma-client";
import { signUpClient } from "./sign-up-client";
import { changePassword } from "./change-password";
import { startTotpEnrolment } from "./start-totp-enrolment";
import { confirmTotpEnrolment } from "./confirm-totp-enrolment";
import { setUserRoles } from "./set-user-roles";
import { listUsers } from "./list-users";
import { listAccountNotices } from "./list-account-notices";
import { loadSessionActor } from "../auth/load-session-actor";
import { verifyPassword } from "../../auth/password";
import { openTotpSecret } from "../../auth/totp-secret-box";
import { createUser } from "../../../prisma/factories";
import { codeAt, contextFor, signedInUser, unique } from "../../../test/service-context";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(() => client.$disconnect());

async function sessionFor(userId: string) {
  const sessionId = `s-${userId}`;
  await client.authSession.create({ data: { id: sessionId, userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return (await loadSessionActor({ ctx: contextFor(client, null), input: { sessionId } }))!;
}

describe("sign-up and password change", () => {
  it("sign-up creates a CLIENT with an argon2id hash and an audit row", async () => {
    const email = unique("new");
    const outcome = await signUpClient({
      ctx: contextFor(client, null),
      input: { name: "New Client", email, password: "Sign-up-pass-1", confirmPassword: "Sign-up-pass-1" },
    });
    if (!outcome.created) throw new Error("expected a new account");
    const user = await client.user.findUniqueOrThrow({ where: { id: outcome.userId }, include: { roles: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.roles.map((r) => r.role)).toEqual(["CLIENT"]);
    expect(await client.auditLog.count({ where: { action: "user.sign_up", entityId: outcome.userId } })).toBe(1);
  });

  it("sign-up with a registered email answers like a new one, changes nothing of the account, tells its holder and is audited", async () => {
    const email = unique("taken");
    const holder = await createUser(client, { email, roles: ["CLIENT"], password: "Holders-own-pass-7" });
    const before = await client.user.findUniqueOrThrow({ where: { id: holder.id } });
    // Twice, and once racing itself: never an error, never a second account.
    const attempts = await Promise.all(
      [0, 1, 2].map((i) =>
        signUpClient({
          ctx: contextFor(client, null),
          input: { name: `Someone ${i}`, email: email.toUpperCase(), password: "Another-pass-19x", confirmPassword: "Another-pass-19x" },
        }),
      ),
    );
    expect(attempts).toEqual([{ created: false }, { created: false }, { created: false }]);
    expect(await client.user.findUniqueOrThrow({ where: { id: holder.id } })).toEqual(before);
    expect(await client.user.count({ where: { email } })).toBe(1);
    expect(await client.auditLog.count({ where: { action: "user.sign_up_existing_email", entityId: holder.id } })).toBe(3);
    const notices = await listAccountNotices({ ctx: contextFor(client, await sessionFor(holder.id)) });
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe("Someone tried to open an account with your email");
    expect(notices[0].body).toContain("No account was opened and your password is unchanged");
  });

  it("a sign-up race for a new email opens one account; the loser reads as a success too", async () => {
    const email = unique("race");
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map(() =>
        signUpClient({ ctx: contextFor(client, null), input: { name: "Racer", email, password: "Sign-up-pass-1", confirmPassword: "Sign-up-pass-1" } }),
      ),
    );
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(await client.user.count({ where: { email } })).toBe(1);
  });

  it("a weak password is refused with what is required, and nothing is created", async () => {
    const email = unique("weak");
    await expect(
      signUpClient({ ctx: contextFor(client, null), input: { name: "Weak", email, password: "password", confirmPassword: "password" } }),
    ).rejects.toThrow(/at least 12 characters/);
    expect(await client.user.findUnique({ where: { email } })).toBeNull();
  });

  it("password change: a wrong current password changes nothing; a right one signs out the other sessions", async () => {
    const actor = await signedInUser(client, ["CLIENT"], { password: "Old-password-123" });
    await client.authSession.create({ data: { id: `${actor.sessionId}-b`, userId: actor.userId, expiresAt: new Date(Date.now() + 3_600_000) } });
    const ctx = contextFor(client, actor);
    await expect(
      changePassword({ ctx, input: { currentPassword: "Wrong-password-1", newPassword: "New-password-456", confirmPassword: "New-password-456" } }),
    ).rejects.toThrow("current password is not correct");
    await changePassword({ ctx, input: { currentPassword: "Old-password-123", newPassword: "New-password-456", confirmPassword: "New-password-456" } });
    const user = await client.user.findUniqueOrThrow({ where: { id: actor.userId } });
    expect(await verifyPassword(user.passwordHash, "New-password-456")).toBe(true);
    expect(await loadSessionActor({ ctx: contextFor(client, null), input: { sessionId: `${actor.sessionId}-b` } })).toBeNull();
    expect(await loadSessionActor({ ctx: contextFor(client, null), input: { sessionId: actor.sessionId } })).not.toBeNull();
    expect(await client.auditLog.count({ where: { action: "user.password_change", entityId: actor.userId } })).toBe(1);
  });
});

describe("TOTP enrolment (SEC-1)", () => {
  it("a client enrols: the secret is returned once, a wrong code is refused, the right one turns 2FA on", async () => {
    const actor = await signedInUser(client, ["CLIENT"], { totp: false });
    const ctx = contextFor(client, actor);
    const { secret, uri } = await startTotpEnrolment({ ctx });
    expect(uri).toContain(`secret=${secret}`);
    const pending = await client.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpPendingSecret: true } });
    expect(pending.totpPendingSecret).toMatch(/^v1:/);
    expect(pending.totpPendingSecret).not.toContain(secret);
    const good = await codeAt(secret, new Date());
    await expect(confirmTotpEnrolment({ ctx, input: { code: good === "000000" ? "111111" : "000000" } })).rejects.toThrow("does not match");
    await confirmTotpEnrolment({ ctx, input: { code: good } });
    const user = await client.user.findUniqueOrThrow({ where: { id: actor.userId } });
    expect(user.totpPendingSecret).toBeNull();
    // Encrypted at rest: the column never holds the secret itself.
    expect(user.totpSecret).not.toContain(secret);
    expect(openTotpSecret(actor.userId, user.totpSecret!)).toBe(secret);
    expect(user.totpEnabledAt).not.toBeNull();
    const actions = (await client.auditLog.findMany({ where: { entityId: actor.userId }, select: { action: true, after: true } })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["user.totp_enrolment_started", "user.totp_enrolled"]));
    // The secret never reaches the audit log.
    expect(
      JSON.stringify(await client.auditLog.findMany({ where: { entityId: actor.userId }, select: { before: true, after: true, reason: true } })),
    ).not.toContain(secret);
  });

  it("SEC-1: staff without an enrolled factor can do nothing but enrol", async () => {
    const actor = await signedInUser(client, ["COMPLIANCE_OFFICER"], { totp: false });
    await expect(listUsers({ ctx: contextFor(client, actor) })).rejects.toThrow("requires two-factor authentication");
    await expect(startTotpEnrolment({ ctx: contextFor(client, actor) })).resolves.toHaveProperty("secret");
  });
});

describe("roles: AFMM-2 and step-up", () => {
  it("SEC-1: an ADMIN role change without a fresh step-up is refused", async () => {
    const admin = await signedInUser(client, ["ADMIN"]);
    const target = await createUser(client, { email: unique("t"), roles: ["CLIENT"] });
    await expect(
      setUserRoles({ ctx: contextFor(client, admin), input: { userId: target.id, roles: ["AUDITOR"], reason: "joins audit" } }),
    ).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    const stale = await signedInUser(client, ["ADMIN"], { stepUpAt: new Date(Date.now() - 6 * 60_000) });
    await expect(
      setUserRoles({ ctx: contextFor(client, stale), input: { userId: target.id, roles: ["AUDITOR"], reason: "joins audit" } }),
    ).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
  });

  it("AFMM-2: a user cannot hold ADMIN and AFMM_TRADER (service refuses; nothing changes)", async () => {
    const admin = await signedInUser(client, ["ADMIN"], { stepUpAt: new Date() });
    const target = await createUser(client, { email: unique("t"), roles: ["ADMIN"], totpSecret: "JBSWY3DPEHPK3PXP" });
    await expect(
      setUserRoles({ ctx: contextFor(client, admin), input: { userId: target.id, roles: ["ADMIN", "AFMM_TRADER"], reason: "mistake" } }),
    ).rejects.toThrow(/AFMM-2/);
    expect((await client.userRole.findMany({ where: { userId: target.id } })).map((r) => r.role)).toEqual(["ADMIN"]);
  });

  it("AFMM-2: the database itself refuses an AFMM role on a platform user (composite foreign keys)", async () => {
    const target = await createUser(client, { email: unique("db"), roles: ["ADMIN"] });
    await expect(client.userRole.create({ data: { userId: target.id, role: "AFMM_TRADER", family: "AFMM" } })).rejects.toThrow();
    await expect(client.userRole.create({ data: { userId: target.id, role: "AFMM_TRADER", family: "PLATFORM" } })).rejects.toThrow();
    // Moving the user to the AFMM family while it still holds ADMIN is refused too.
    await expect(client.user.update({ where: { id: target.id }, data: { family: "AFMM" } })).rejects.toThrow();
    expect((await client.userRole.findMany({ where: { userId: target.id } })).map((r) => r.role)).toEqual(["ADMIN"]);
  });

  it("an ADMIN after step-up moves a client to AFMM_TRADER; before/after and the reason are audited; nobody changes their own roles", async () => {
    const admin = await signedInUser(client, ["ADMIN"], { stepUpAt: new Date() });
    const target = await createUser(client, { email: unique("mover"), roles: ["CLIENT"] });
    const ctx = contextFor(client, admin);
    const result = await setUserRoles({ ctx, input: { userId: target.id, roles: ["AFMM_TRADER"], reason: "joins the market-making desk" } });
    expect(result.roles).toEqual(["AFMM_TRADER"]);
    const row = await client.auditLog.findFirstOrThrow({ where: { action: "user.roles_change", entityId: target.id } });
    expect(row).toMatchObject({
      actorId: admin.userId,
      before: { roles: ["CLIENT"] },
      after: { roles: ["AFMM_TRADER"] },
      reason: "joins the market-making desk",
    });
    await expect(setUserRoles({ ctx, input: { userId: admin.userId, roles: ["AUDITOR"], reason: "self service" } })).rejects.toThrow("own roles");
  });
});

describe("AFMM-7: information barrier in the services", () => {
  it("AFMM-7: AFMM_TRADER (and clients) cannot list users; platform staff can, without secrets", async () => {
    const afmm = await signedInUser(client, ["AFMM_TRADER"]);
    await expect(listUsers({ ctx: contextFor(client, afmm) })).rejects.toMatchObject({ status: 403 });
    const clientUser = await signedInUser(client, ["CLIENT"]);
    await expect(listUsers({ ctx: contextFor(client, clientUser) })).rejects.toMatchObject({ status: 403 });
    await expect(listUsers({ ctx: contextFor(client, null) })).rejects.toMatchObject({ status: 401 });
    const co = await signedInUser(client, ["COMPLIANCE_OFFICER"]);
    const users = await listUsers({ ctx: contextFor(client, co) });
    expect(users.length).toBeGreaterThan(0);
    expect(Object.keys(users[0]).sort()).toEqual(["createdAt", "email", "id", "name", "roles", "totpEnabled"]);
  });

  it("roles are read from the database per request: a revoked role stops working at once", async () => {
    const co = await signedInUser(client, ["COMPLIANCE_OFFICER"]);
    await client.userRole.deleteMany({ where: { userId: co.userId } });
    await client.userRole.create({ data: { userId: co.userId, role: "AUDITOR", family: "PLATFORM" } });
    const reloaded = await loadSessionActor({ ctx: contextFor(client, null), input: { sessionId: co.sessionId } });
    expect(reloaded?.roles).toEqual(["AUDITOR"]);
  });
});
