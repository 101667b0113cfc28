import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../test/database";
import { freePort } from "../scripts/db/embedded";
import { MIGRATIONS_DIR } from "../scripts/db/migrations";
import { getHealth } from "./health";
import { createPrismaClient } from "./prisma-client";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(() => client.$disconnect());

describe("GET /api/health data", () => {
  it("healthy: names the database kind and the applied migrations", async () => {
    const health = await getHealth(client, database.schema, MIGRATIONS_DIR);
    const onDisk = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(health).toMatchObject({
      status: "ok",
      db: database.kind,
      migrations: { applied: onDisk.length, latest: onDisk.at(-1), pending: 0 },
    });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("a migration on disk that the database lacks makes it unavailable, with the reason", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "99991231000000_not_applied"));
    const health = await getHealth(client, database.schema, dir);
    expect(health).toMatchObject({ status: "unavailable", migrations: { pending: 1 } });
    expect(health.reason).toContain("1 migration(s) not applied");
  });

  it("unreachable database: unavailable with a plain reason and no driver internals, promptly", async () => {
    const port = await freePort();
    const down = createPrismaClient(`postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`, "public");
    try {
      const started = Date.now();
      const health = await getHealth(down, "public", MIGRATIONS_DIR);
      expect(health).toMatchObject({ status: "unavailable", db: "unreachable", migrations: null });
      // A plain reason; host, port and Prisma's text stay in the server log.
      expect(health.reason).toBe("database unreachable");
      expect(JSON.stringify(health)).not.toMatch(/127\.0\.0\.1|Prisma|invocation|reach database server|P1001/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await down.$disconnect();
    }
  });
});
