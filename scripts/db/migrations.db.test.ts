import fs from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { applyMigrations, diffMigrationsToSchema, readMigrationList, SCHEMA_PATH } from "./migrations";

const database = testDatabase();

describe("migrations on the real database", () => {
  it("drift: schema.prisma and prisma/migrations agree (run `npm run db:diff -- --name <name>` if this fails)", async () => {
    const script = await diffMigrationsToSchema(database);
    expect(script, `schema.prisma differs from the migrations; the missing migration would be:\n${script}`).toBe("");
  });

  it("drift check can fail: a model added to schema.prisma without a migration is reported", async () => {
    const changed = fs.readFileSync(SCHEMA_PATH, "utf8") + "\nmodel DriftProbe {\n  id Int @id\n}\n";
    const script = await diffMigrationsToSchema(database, changed);
    expect(script).toContain('CREATE TABLE "DriftProbe"');
  });

  it("migrations are recorded in _prisma_migrations exactly as `prisma migrate deploy` records them, and re-applying is a no-op", async () => {
    expect(await applyMigrations(database)).toEqual([]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "${database.schema}"."_prisma_migrations" ORDER BY migration_name`,
      );
      const onDisk = readMigrationList().migrationDirectories.map((dir) => dir.path);
      expect(rows.map((row) => row.migration_name)).toEqual(onDisk);
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      await client.end();
    }
  });
});
