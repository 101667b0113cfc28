import { defineConfig } from "prisma/config";

// The stock CLI reads this; offline we only use it for `prisma generate` (see scripts/prisma-generate.mjs).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
