import crypto from "node:crypto";
import { generate } from "otplib";
import type { PrismaClient } from "../prisma/generated/client";
import type { Role } from "../lib/auth/permissions";
import { createApprovedOnboardingCase, createUser } from "../prisma/factories";
import { loadSessionActor } from "../lib/services/auth/load-session-actor";
import type { Actor, ServiceContext } from "../lib/services/context";

/** Database-test helpers: users with a signed-in session, and the service context a request would build. */

export const unique = (label: string) => `${label}-${crypto.randomBytes(4).toString("hex")}@test.example`;

export const TEST_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export async function signedInUser(
  client: PrismaClient,
  roles: Role[],
  options: { totp?: boolean; stepUpAt?: Date | null; password?: string } = {},
): Promise<Actor> {
  const totp = options.totp ?? roles.some((r) => r !== "CLIENT");
  const user = await createUser(client, {
    email: unique(roles.join("-").toLowerCase()),
    roles,
    totpSecret: totp ? TEST_SECRET : null,
    password: options.password,
  });
  const sessionId = crypto.randomBytes(16).toString("hex");
  await client.authSession.create({
    data: { id: sessionId, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), stepUpAt: options.stepUpAt ?? null },
  });
  return (await loadSessionActor({ ctx: contextFor(client, null), input: { sessionId } }))!;
}

export function contextFor(client: PrismaClient, actor: Actor | null, now: () => Date = () => new Date()): ServiceContext {
  return { actor, db: client, now };
}

/** A valid code for `at`, for a secret. */
export function codeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * A fixture for tests about trading, not onboarding: marks the client as an approved professional
 * investor (as a compliance officer's approval would) and acknowledges the risk disclosure in effect
 * through the real service. The onboarding path itself is tested in lib/services/suitability.
 */
export async function approvedForPerps(
  client: PrismaClient,
  actor: Actor,
  options: { capMicroUsd?: bigint; now?: Date; acknowledgeDisclosure?: boolean } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const { getDisclosureStatus } = await import("../lib/services/suitability/get-disclosure-status");
  const { acknowledgeDisclosure } = await import("../lib/services/suitability/acknowledge-disclosure");
  await createApprovedOnboardingCase(client, actor.userId, { now, capMicroUsd: options.capMicroUsd });
  // SEC-1: perps access needs a verified e-mail address and a second factor; a client without one gets TEST_SECRET.
  const { sealTotpSecret } = await import("../lib/auth/totp-secret-box");
  const user = await client.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpSecret: true, emailVerifiedAt: true } });
  await client.user.update({
    where: { id: actor.userId },
    data: {
      emailVerifiedAt: user.emailVerifiedAt ?? now,
      ...(user.totpSecret ? {} : { totpSecret: sealTotpSecret(actor.userId, TEST_SECRET), totpEnabledAt: now }),
    },
  });
  if (options.acknowledgeDisclosure === false) return;
  const ctx = contextFor(client, actor, () => now);
  const { current } = await getDisclosureStatus({ ctx });
  await acknowledgeDisclosure({ ctx, input: { versionId: current.version.id, contentHash: current.contentHash, confirmed: "on" } });
}
