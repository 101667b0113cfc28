import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../test/database";
import { createPrismaClient } from "../lib/prisma-client";
import { DEMO_SEED_KEY, seedDemoData } from "./seed";
import { DEMO_USERS } from "./demo-users";
import { openTotpSecret } from "../lib/auth/totp-secret-box";
import { afmmGates } from "../lib/services/afmm/gates";
import { readAfmmGateFacts } from "../lib/services/afmm/internal";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(() => client.$disconnect());

describe("demo data is seeded once", () => {
  it("demo data is refused in production mode", async () => {
    await expect(seedDemoData(database, Date.now(), "production")).rejects.toThrow("refused in production mode");
  });

  it("one demo user per role, staff with their fixed TOTP secret", async () => {
    await seedDemoData(database, Date.UTC(2026, 10, 22));
    for (const demo of DEMO_USERS) {
      const user = await client.user.findUniqueOrThrow({ where: { email: demo.email }, include: { roles: true } });
      expect(user.roles.map((r) => r.role)).toEqual([demo.role]);
      // Stored encrypted, and it opens to the published secret.
      expect(user.totpSecret === null ? null : openTotpSecret(user.id, user.totpSecret)).toBe(demo.totpSecret);
      if (demo.totpSecret) expect(user.totpSecret).not.toContain(demo.totpSecret);
    }
    expect(new Set(DEMO_USERS.map((u) => u.role)).size).toBe(6);
  });

  it("the first run seeds and records when; later runs change nothing", async () => {
    await client.appMeta.deleteMany({ where: { key: DEMO_SEED_KEY } });
    expect(await seedDemoData(database, Date.UTC(2026, 10, 22))).toBe(true);
    const first = await client.appMeta.findUniqueOrThrow({ where: { key: DEMO_SEED_KEY } });
    expect(JSON.parse(first.value)).toMatchObject({ seededAt: "2026-11-22T00:00:00.000Z" });
    expect(await seedDemoData(database, Date.UTC(2027, 0, 1))).toBe(false);
    const second = await client.appMeta.findUniqueOrThrow({ where: { key: DEMO_SEED_KEY } });
    expect(second).toEqual(first);
  });

  it("AFMM-1, AFMM-4, AFMM-9: the demo's affiliate, designated RO and SFC notification meet every order-entry gate", async () => {
    // Files on one test worker share its schema: start from empty governance registers, as a new database has.
    await client.afmmOversightDesignation.deleteMany();
    await client.staffRegistration.deleteMany();
    await client.afmmAffiliate.deleteMany();
    await client.afmmSfcNotification.deleteMany();
    await client.appMeta.deleteMany({ where: { key: DEMO_SEED_KEY } });
    await seedDemoData(database, Date.UTC(2026, 10, 22));
    expect(afmmGates(await readAfmmGateFacts(client, new Date(Date.UTC(2026, 10, 22, 1))))).toEqual({ enabled: true, missing: [] });
    expect(await client.afmmAffiliate.count()).toBe(1);
  });
});
