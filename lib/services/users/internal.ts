import "server-only";
import crypto from "node:crypto";
import type { Role } from "@/lib/auth/permissions";

/** Fields of a user safe to hand to pages: never the password hash or TOTP secrets. */
export const USER_DTO_SELECT = {
  id: true,
  email: true,
  name: true,
  family: true,
  totpEnabledAt: true,
  createdAt: true,
  roles: { select: { role: true }, orderBy: { role: "asc" } },
} as const;

export interface UserDto {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  totpEnabled: boolean;
  createdAt: Date;
}

export function toUserDto(row: { id: string; email: string; name: string; totpEnabledAt: Date | null; createdAt: Date; roles: { role: Role }[] }): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles.map((r) => r.role),
    totpEnabled: row.totpEnabledAt !== null,
    createdAt: row.createdAt,
  };
}

/** How long a signed-in session lasts (the JWT's maxAge matches). */
export const SESSION_TTL_MS = 8 * 60 * 60_000;

export function newSessionId(): string {
  return crypto.randomBytes(32).toString("base64url");
}
