import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/sequencer";

// Database test files run in parallel on a PostgreSQL server, one schema per worker
// (test/db-global-setup.ts): 2 workers suit a 2-core machine; DB_TEST_WORKERS overrides. The embedded
// PGlite (DATABASE_URL unset) is one session for every connection: its files run one at a time.
const dbWorkers = process.env.DATABASE_URL ? Math.max(1, Number.parseInt(process.env.DB_TEST_WORKERS ?? "", 10) || 2) : 1;
// Vitest's default is one worker fewer than the cores: one file at a time on these 2-core machines,
// where the unit files (CPU-bound property tests among them) finish in about 60 % of the time on two.
const unitWorkers = Math.max(1, Number.parseInt(process.env.UNIT_TEST_WORKERS ?? "", 10) || Math.max(2, os.availableParallelism() - 1));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          testTimeout: 120_000,
          maxWorkers: unitWorkers,
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["**/*.db.test.ts"],
          exclude: ["node_modules/**"],
          globalSetup: ["test/db-global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: dbWorkers,
          fileParallelism: dbWorkers > 1,
          // After the unit files when both projects run together (a project's own maxWorkers needs its own group).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
