import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "../../prisma-client";
import { signUpClient } from "./sign-up-client";
import { verifyEmail } from "./verify-email";
import { sendEmailVerification } from "./send-email-verification";
import { getEmailVerification } from "./get-email-verification";
import { listDemoMailbox } from "./list-demo-mailbox";
import { clientSecurityShortfall } from "./client-security-status";
import { EMAIL_CODE_MAX_TRIES, EMAIL_CODE_VALIDITY_MS, EMAIL_RESEND_GAP_MS, EMAIL_RESEND_PER_HOUR } from "./email-verification";
import { loadSessionActor } from "../auth/load-session-actor";
import { perpsEntitlement } from "../suitability/entitlement";
import { emailContent } from "../../notices/render";
import { emailVerificationCode, hashVerificationCode } from "../../notices/verification-code";
import { createApprovedOnboardingCase, createUser } from "../../../prisma/factories";
import { approvedForPerps, contextFor, signedInUser, TEST_SECRET, unique } from "../../../test/service-context";
import type { ServiceError } from "../errors";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(() => client.$disconnect());

/** A new client signed up through the real service (which e-mails the first code), signed in at `now`. */
async function signedUpClient(now: Date) {
  const email = unique("verify");
  const outcome = await signUpClient({
    ctx: contextFor(client, null, () => now),
    input: { name: "Verify Me", email, password: "Sign-up-pass-1", confirmPassword: "Sign-up-pass-1" },
  });
  if (!outcome.created) throw new Error("expected a new account");
  const sessionId = `s-${outcome.userId}`;
  await client.authSession.create({ data: { id: sessionId, userId: outcome.userId, expiresAt: new Date(now.getTime() + 86_400_000) } });
  const actor = (await loadSessionActor({ ctx: contextFor(client, null, () => now), input: { sessionId } }))!;
  return { actor, email, userId: outcome.userId };
}

/** The code in the newest e-mail, read the way the outbox writes it (the database never holds it). */
async function codeFromEmail(userId: string): Promise<string> {
  const delivery = await client.noticeDelivery.findFirstOrThrow({
    where: { userId, channel: "email", notice: { kind: "clientSecurity.emailVerification" } },
    orderBy: { queuedAt: "desc" },
    include: { notice: true },
  });
  const mail = emailContent("clientSecurity.emailVerification", delivery.notice.params as Record<string, string | number>);
  const code = /[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(mail.text)?.[0];
  if (!code) throw new Error("no code in the e-mail");
  return code;
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error("expected a refusal");
}

describe("SEC-1: e-mail verification", () => {
  it("SEC-1: sign-up e-mails a code through the outbox; only its hash is stored; the right code verifies once and is audited", async () => {
    const now = new Date("2026-12-06T10:00:00Z");
    const { actor, email, userId } = await signedUpClient(now);
    const row = await client.emailVerification.findFirstOrThrow({ where: { userId } });
    const code = await codeFromEmail(userId);
    expect(row.codeHash).toBe(hashVerificationCode(code));
    expect(row.codeHash).not.toContain(code.replace("-", ""));
    // The inbox copy says a code was sent, never the code.
    const notice = await client.clientNotice.findFirstOrThrow({ where: { userId, kind: "clientSecurity.emailVerification" } });
    expect(`${notice.title} ${notice.body}`).not.toContain(code);
    expect(JSON.stringify(notice.params)).not.toContain(code);
    const deliveries = await client.noticeDelivery.findMany({ where: { noticeId: notice.id }, orderBy: { channel: "asc" } });
    expect(deliveries.map((d) => [d.channel, d.status, d.recipient])).toEqual([
      ["email", "queued", email],
      ["inbox", "delivered", null],
    ]);
    expect(await client.auditLog.count({ where: { action: "user.email_verification_sent", entityId: userId } })).toBe(1);

    const ctx = contextFor(client, actor, () => new Date(now.getTime() + 60_000));
    // Typed loosely, as people do: lower case, spaces instead of the hyphen.
    await verifyEmail({ ctx, input: { code: ` ${code.toLowerCase().replace("-", " ")} ` } });
    const user = await client.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.emailVerifiedAt).toEqual(new Date(now.getTime() + 60_000));
    expect(await client.auditLog.count({ where: { action: "user.email_verified", entityId: userId } })).toBe(1);
    expect((await getEmailVerification({ ctx })).verifiedAt).toEqual(user.emailVerifiedAt);
    // Used: a second try is refused and changes nothing.
    expect((await refusal(verifyEmail({ ctx, input: { code } }))).userMessage).toMatchObject({ key: "errors.clientSecurity.alreadyVerified" });
    expect(await client.auditLog.count({ where: { action: "user.email_verified", entityId: userId } })).toBe(1);
  });

  it("SEC-1: a wrong code is refused with a field error, counted and audited; after the tries allowed even the right code is refused", async () => {
    const now = new Date("2026-12-06T11:00:00Z");
    const { actor, userId } = await signedUpClient(now);
    const code = await codeFromEmail(userId);
    const ctx = contextFor(client, actor, () => now);
    const wrong = code.startsWith("0") ? `1${code.slice(1)}` : `0${code.slice(1)}`;
    const first = await refusal(verifyEmail({ ctx, input: { code: wrong } }));
    expect(first.status).toBe(422);
    expect(first.fieldMessages?.code?.[0]).toMatchObject({ key: "validation.clientSecurity.codeWrong" });
    // Malformed input: refused before anything is counted.
    const malformed = await refusal(verifyEmail({ ctx, input: { code: "12" } }));
    expect(malformed).toBeInstanceOf(z.ZodError);
    expect((await client.emailVerification.findFirstOrThrow({ where: { userId } })).attempts).toBe(1);
    for (let attempt = 1; attempt < EMAIL_CODE_MAX_TRIES; attempt++) await refusal(verifyEmail({ ctx, input: { code: wrong } }));
    expect(await client.auditLog.count({ where: { action: "user.email_verification_failed", entityId: userId } })).toBe(EMAIL_CODE_MAX_TRIES);
    const spent = await refusal(verifyEmail({ ctx, input: { code } }));
    expect(spent.userMessage).toMatchObject({ key: "errors.clientSecurity.tooManyTries" });
    expect((await client.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull();
  });

  it("SEC-1: an expired code is refused; a resend revokes the old code and the new one works", async () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const { actor, userId } = await signedUpClient(now);
    const oldCode = await codeFromEmail(userId);
    const late = new Date(now.getTime() + EMAIL_CODE_VALIDITY_MS);
    const lateCtx = contextFor(client, actor, () => late);
    expect((await refusal(verifyEmail({ ctx: lateCtx, input: { code: oldCode } }))).userMessage).toMatchObject({ key: "errors.clientSecurity.codeExpired" });
    await sendEmailVerification({ ctx: lateCtx });
    const newCode = await codeFromEmail(userId);
    expect(newCode).not.toBe(oldCode);
    // The old code no longer counts, even before its expiry would have mattered.
    expect((await refusal(verifyEmail({ ctx: lateCtx, input: { code: oldCode } }))).status).toBe(422);
    await verifyEmail({ ctx: lateCtx, input: { code: newCode } });
    expect((await client.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toEqual(late);
  });

  it("SEC-1: ten parallel uses of one code verify the address exactly once", async () => {
    const now = new Date("2026-12-06T13:00:00Z");
    const { actor, userId } = await signedUpClient(now);
    const code = await codeFromEmail(userId);
    const ctx = contextFor(client, actor, () => now);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => verifyEmail({ ctx, input: { code } })));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await client.auditLog.count({ where: { action: "user.email_verified", entityId: userId } })).toBe(1);
    expect((await client.emailVerification.findFirstOrThrow({ where: { userId } })).usedAt).toEqual(now);
  });

  it("SEC-1: resending is throttled (one a minute, a few an hour), and parallel resends send one", async () => {
    const now = new Date("2026-12-06T14:00:00Z");
    const { actor, userId } = await signedUpClient(now);
    const at = (ms: number) => contextFor(client, actor, () => new Date(now.getTime() + ms));
    const tooSoon = await refusal(sendEmailVerification({ ctx: at(EMAIL_RESEND_GAP_MS - 1_000) }));
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.userMessage).toMatchObject({ key: "errors.clientSecurity.resendTooSoon" });
    const parallel = await Promise.allSettled(Array.from({ length: 5 }, () => sendEmailVerification({ ctx: at(EMAIL_RESEND_GAP_MS) })));
    expect(parallel.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (let sent = 2; sent < EMAIL_RESEND_PER_HOUR; sent++) await sendEmailVerification({ ctx: at(sent * EMAIL_RESEND_GAP_MS) });
    expect(await client.emailVerification.count({ where: { userId } })).toBe(EMAIL_RESEND_PER_HOUR);
    const hourly = await refusal(sendEmailVerification({ ctx: at(EMAIL_RESEND_PER_HOUR * EMAIL_RESEND_GAP_MS) }));
    expect(hourly.userMessage).toMatchObject({ key: "errors.clientSecurity.resendHourly" });
    expect(await client.emailVerification.count({ where: { userId } })).toBe(EMAIL_RESEND_PER_HOUR);
    // Only the newest is open.
    expect(await client.emailVerification.count({ where: { userId, revokedAt: null } })).toBe(1);
  });

  it("SEC-1: a code counts only for the address it was sent to", async () => {
    const now = new Date("2026-12-06T15:00:00Z");
    const { actor, userId } = await signedUpClient(now);
    const code = await codeFromEmail(userId);
    await client.user.update({ where: { id: userId }, data: { email: unique("changed") } });
    const refused = await refusal(verifyEmail({ ctx: contextFor(client, actor, () => now), input: { code } }));
    expect(refused.userMessage).toMatchObject({ key: "errors.clientSecurity.noCodeSent" });
    expect((await client.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull();
  });

  it("SEC-1: the demo mailbox shows the signed-in user's own e-mails with the code, as the outbox would send them", async () => {
    const now = new Date("2026-12-06T16:00:00Z");
    const { actor, userId, email } = await signedUpClient(now);
    const { mails } = await listDemoMailbox({ ctx: contextFor(client, actor, () => now) });
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe(email);
    expect(mails[0].text).toContain(await codeFromEmail(userId));
    expect(mails[0].text).toContain(emailVerificationCode((await client.emailVerification.findFirstOrThrow({ where: { userId } })).id));
  });
});

describe("SEC-1: perps access needs a verified e-mail address and a second factor", () => {
  it("SEC-1: an approved client without a verified e-mail address gets none/EMAIL_NOT_VERIFIED", async () => {
    const user = await createUser(client, { email: unique("unverified"), roles: ["CLIENT"], totpSecret: TEST_SECRET, emailVerified: false });
    await createApprovedOnboardingCase(client, user.id);
    const entitlement = await perpsEntitlement(contextFor(client, null), user.id);
    expect(entitlement).toMatchObject({ status: "none", code: "EMAIL_NOT_VERIFIED", reason: { key: "errors.clientSecurity.emailNotVerified" } });
  });

  it("SEC-1: an approved client with a verified address but no second factor gets none/SECOND_FACTOR_REQUIRED", async () => {
    const user = await createUser(client, { email: unique("no-totp"), roles: ["CLIENT"] });
    await createApprovedOnboardingCase(client, user.id);
    expect(await clientSecurityShortfall(contextFor(client, null), user.id)).toMatchObject({ code: "SECOND_FACTOR_REQUIRED" });
    expect(await perpsEntitlement(contextFor(client, null), user.id)).toMatchObject({
      status: "none",
      code: "SECOND_FACTOR_REQUIRED",
      reason: { key: "errors.clientSecurity.secondFactorRequired" },
    });
  });

  it("SEC-1: with both, the approved client's access is active (the fixture every trading test uses)", async () => {
    const actor = await signedInUser(client, ["CLIENT"]);
    await approvedForPerps(client, actor);
    expect(await clientSecurityShortfall(contextFor(client, null), actor.userId)).toBeNull();
    expect((await perpsEntitlement(contextFor(client, null), actor.userId)).status).toBe("active");
  });
});
