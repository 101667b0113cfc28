import type { DatabaseTarget } from "../scripts/db/migrations";
import { createPrismaClient } from "../lib/prisma-client";
import { env } from "../lib/env";
import { hashPassword } from "../lib/auth/password";
import { appendAuditEntry } from "../lib/audit/chain";
import { ensureReferenceData } from "./reference-data";
import { DEMO_USERS } from "./demo-users";
import { createUser } from "./factories";
import { seedAfmmGovernance } from "./afmm-seed";
import { seedConflicts } from "./conflicts-seed";
import { seedMarketApprovals } from "./risk-seed";

/**
 * Demo data, written once per database. The marker row makes re-running a no-op, so restarts keep
 * whatever the demo user changed; a newer seed version adds only what the older one lacked.
 * Refused in production mode: demo accounts have published passwords.
 */
export const DEMO_SEED_KEY = "demo-seed";
export const DEMO_SEED_VERSION = "4";

export async function seedDemoData(target: DatabaseTarget, nowMs = Date.now(), mode = env().PORTAL_MODE): Promise<boolean> {
  if (mode !== "demo") throw new Error("Demo data is refused in production mode (its accounts have published passwords).");
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    await ensureReferenceData(prisma);
    const hashes = await Promise.all(DEMO_USERS.map((user) => hashPassword(user.password)));
    return await prisma.$transaction(
      async (tx) => {
        const existing = await tx.appMeta.findUnique({ where: { key: DEMO_SEED_KEY } });
        if (existing && Number((JSON.parse(existing.value) as { version?: string }).version) >= Number(DEMO_SEED_VERSION)) return false;
        const created: string[] = [];
        for (const [index, user] of DEMO_USERS.entries()) {
          if (await tx.user.findUnique({ where: { email: user.email }, select: { id: true } })) continue;
          await createUser(tx, { email: user.email, name: user.name, roles: [user.role], totpSecret: user.totpSecret, passwordHash: hashes[index] });
          created.push(user.email);
        }
        created.push(...(await seedAfmmGovernance(tx, nowMs)));
        await seedConflicts(tx, nowMs);
        created.push(...(await seedMarketApprovals(tx, nowMs)));
        const value = JSON.stringify({ version: DEMO_SEED_VERSION, seededAt: new Date(nowMs).toISOString() });
        await tx.appMeta.upsert({ where: { key: DEMO_SEED_KEY }, create: { key: DEMO_SEED_KEY, value }, update: { value } });
        await appendAuditEntry(
          tx,
          { actorId: null, actorEmail: null, action: "demo.seed", entity: "User", entityId: null, after: { version: DEMO_SEED_VERSION, created } },
          new Date(nowMs),
        );
        return true;
      },
      { timeout: 30_000 },
    );
  } finally {
    await prisma.$disconnect();
  }
}
