import type { DatabaseTarget } from "../scripts/db/migrations";
import { createPrismaClient } from "../lib/prisma-client";

/**
 * Demo data, written once per database. The marker row makes re-running a no-op, so restarts keep
 * whatever the demo user changed. Later capabilities (users and roles, markets, onboarding cases)
 * add their demo rows here, each behind the same marker.
 */
export const DEMO_SEED_KEY = "demo-seed";
export const DEMO_SEED_VERSION = "1";

export async function seedDemoData(target: DatabaseTarget, nowMs = Date.now()): Promise<boolean> {
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.appMeta.findUnique({ where: { key: DEMO_SEED_KEY } });
      if (existing) return false;
      await tx.appMeta.create({ data: { key: DEMO_SEED_KEY, value: JSON.stringify({ version: DEMO_SEED_VERSION, seededAt: new Date(nowMs).toISOString() }) } });
      return true;
    });
  } finally {
    await prisma.$disconnect();
  }
}
