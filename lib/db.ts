import "server-only";
import type { PrismaClient } from "@/prisma/generated/client";
import { env } from "@/lib/env";
import { createPrismaClient } from "@/lib/prisma-client";

const globalForPrisma = globalThis as unknown as { portalPrisma?: PrismaClient };

/** The process-wide client; kept on globalThis so dev reloads and Next's module graphs share it. */
export function db(): PrismaClient {
  if (globalForPrisma.portalPrisma) return globalForPrisma.portalPrisma;
  const { DATABASE_URL, DATABASE_SCHEMA } = env();
  if (!DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides the embedded database");
  }
  globalForPrisma.portalPrisma = createPrismaClient(DATABASE_URL, DATABASE_SCHEMA);
  return globalForPrisma.portalPrisma;
}
