import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const engineBoundary = {
  patterns: [
    { group: ["next", "next/*", "react", "react/*", "react-dom", "@prisma/*", "pg", "node:*", "@/*", "server-only"], message: "lib/engine is pure TypeScript: it imports nothing outside lib/engine (docs/engine-design.md)." },
    { group: ["../*", "!./*"], message: "lib/engine imports only its own files." },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "prisma/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  {
    rules: {
      // lib/env.ts is the only reader of process.env; anything else says why with a disable comment.
      "no-process-env": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/engine/**/*.ts"],
    ignores: ["lib/engine/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", engineBoundary],
      "no-restricted-globals": ["error", { name: "Date", message: "Time is an input to the engine (nowMs)." }, { name: "performance", message: "Time is an input to the engine." }],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Random draws are inputs to the engine." }],
    },
  },
  {
    // Tooling, tests and configuration read their environment directly.
    files: ["scripts/**", "e2e/**", "test/**", "playwright.config.ts", "vitest.config.ts", "**/*.test.ts", "prisma.config.ts", "scripts/**/*.mjs"],
    rules: { "no-process-env": "off" },
  },
  {
    // Browser tests wait on conditions (expect(...).toBeVisible, expect.poll, toPass), never for a fixed
    // time: a fixed sleep is too short on a loaded machine and wasted time on an idle one.
    files: ["e2e/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name='waitForTimeout']", message: "No fixed sleeps in browser tests: wait for a condition (expect(...).toBeVisible(), expect.poll, toPass)." },
        { selector: "NewExpression[callee.name='Promise'] CallExpression[callee.name='setTimeout'][arguments.0.type='Identifier']", message: "No fixed sleeps in browser tests: wait for a condition (expect(...).toBeVisible(), expect.poll, toPass)." },
        { selector: "ImportDeclaration[source.value=/^(node:)?timers\\/promises$/]", message: "No fixed sleeps in browser tests: wait for a condition (expect(...).toBeVisible(), expect.poll, toPass)." },
      ],
    },
  },
  {
    // components/ are client-safe: no database, no services, no session internals.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db", "@/lib/services/*", "@/lib/transport/session", "@/prisma/*"], message: "Components get data from pages, not from the database." }] }],
    },
  },
];
export default config;
