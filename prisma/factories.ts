import crypto from "node:crypto";
import type { PrismaClient } from "./generated/client";
import { ROLE_FAMILY, type Role } from "../lib/auth/permissions";
import { hashPassword } from "../lib/auth/password";
import { sealTotpSecret, type Keyring } from "../lib/auth/totp-secret-box";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * One way to make a user row for the seed and the database tests (sign-up goes through signUpClient
 * instead). `totpSecret` is the plain secret; it is stored encrypted, bound to the new user's id.
 */
export async function createUser(
  prisma: Tx,
  {
    email,
    name = email,
    roles,
    password = "Correct-horse-9-battery",
    totpSecret = null,
    passwordHash,
    totpKeyring,
    emailVerified = true,
  }: {
    email: string;
    name?: string;
    roles: Role[];
    password?: string;
    totpSecret?: string | null;
    passwordHash?: string;
    totpKeyring?: Keyring;
    /** Whether the address counts as verified (SEC-1); seeded and test users are, unless a test says not. */
    emailVerified?: boolean;
  },
) {
  const family = ROLE_FAMILY[roles[0]];
  const id = crypto.randomUUID();
  return prisma.user.create({
    data: {
      id,
      email: email.toLowerCase(),
      name,
      passwordHash: passwordHash ?? (await hashPassword(password)),
      family,
      totpSecret: totpSecret === null ? null : sealTotpSecret(id, totpSecret, totpKeyring),
      totpEnabledAt: totpSecret ? new Date() : null,
      emailVerifiedAt: emailVerified ? new Date() : null,
      roles: { create: roles.map((role) => ({ role })) },
    },
    select: { id: true, email: true, name: true },
  });
}

/**
 * For tests about what comes after onboarding: the case as a compliance officer's approval leaves it
 * (approved, access for a year, the Code 5.3 cap). The approval itself is tested through the review
 * service and in the browser; the client still acknowledges the risk disclosure on its own.
 */
export async function createApprovedOnboardingCase(
  prisma: Tx,
  userId: string,
  { now = new Date(), capMicroUsd = 1_000_000_000_000_000n }: { now?: Date; capMicroUsd?: bigint } = {},
) {
  return prisma.onboardingCase.create({
    data: {
      userId,
      status: "APPROVED",
      draft: {},
      draftUpdatedAt: now,
      statusChangedAt: now,
      verifiedAt: now,
      expiresAt: new Date(now.getTime() + 365 * 86_400_000),
      maxInitialMarginMicroUsd: capMicroUsd,
    },
  });
}
