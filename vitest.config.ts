import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          testTimeout: 120_000,
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
          // One PostgreSQL, many files: run them one at a time so pool sizes stay small on PGlite.
          fileParallelism: false,
        },
      },
    ],
  },
});
