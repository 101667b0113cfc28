import type { PrismaClient } from "./generated/client";
import { ROLE_FAMILY, type Role } from "../lib/auth/permissions";
import { hashPassword } from "../lib/auth/password";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** One way to make a user row for the seed and the database tests (sign-up goes through signUpClient instead). */
export async function createUser(
  prisma: Tx,
  { email, name = email, roles, password = "Correct-horse-9-battery", totpSecret = null, passwordHash }: { email: string; name?: string; roles: Role[]; password?: string; totpSecret?: string | null; passwordHash?: string },
) {
  const family = ROLE_FAMILY[roles[0]];
  return prisma.user.create({
    data: {
      email: email.toLowerCase(),
      name,
      passwordHash: passwordHash ?? (await hashPassword(password)),
      family,
      totpSecret,
      totpEnabledAt: totpSecret ? new Date() : null,
      roles: { create: roles.map((role) => ({ role })) },
    },
    select: { id: true, email: true, name: true },
  });
}
