import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests drive Debian's Chromium (npx playwright install cannot download browsers here).
 * Two servers, both started by the real start command:
 * - "embedded": DATABASE_URL unset and an empty data folder, i.e. a fresh clone's first `npm start`;
 * - "postgres": the same code against the PostgreSQL server in DATABASE_URL (when set), in a
 *   throwaway schema dropped by the global teardown.
 * Both reuse one `next build` made beforehand by scripts/test.ts (two builds at once would collide).
 */

// Playwright re-reads this file in every worker; only the runner may reset shared state.
const isRunner = process.env.TEST_WORKER_INDEX === undefined;
const repoRoot = import.meta.dirname;
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const databaseUrl = process.env.DATABASE_URL || undefined;
const embeddedDataDir = path.join(repoRoot, ".data/e2e-embedded");
const runStamp = process.env.E2E_RUN_STAMP || `${process.pid}_${Date.now().toString(36)}`;
process.env.E2E_RUN_STAMP = runStamp;
export const e2eSchema = `e2e_${runStamp}`;

if (isRunner) fs.rmSync(embeddedDataDir, { recursive: true, force: true });

// Overridable so a second checkout on the same machine can run its browser tests at the same time.
const EMBEDDED_PORT = Number(process.env.E2E_EMBEDDED_PORT || 3101);
const POSTGRES_PORT = Number(process.env.E2E_POSTGRES_PORT || 3102);
const EMBEDDED_DB_PORT = process.env.E2E_EMBEDDED_DB_PORT || "54391";

const chromiumLaunch = {
  executablePath: chromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
};

// Specs play several clients from one machine by sending "X-Forwarded-For: <client>, <proxy>", as if
// behind two reverse proxies; the browser's own requests carry none and count as the TCP peer.
// e2e/multi-instance.spec.ts checks the default (0 hops: X-Forwarded-For ignored).
const TEST_PROXY_HOPS = "2";

const start = `node ${path.join(repoRoot, "node_modules/tsx/dist/cli.mjs")} scripts/start.ts`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "embedded", use: { baseURL: `http://localhost:${EMBEDDED_PORT}` } },
    ...(databaseUrl ? [{ name: "postgres", use: { baseURL: `http://localhost:${POSTGRES_PORT}` } }] : []),
  ],
  webServer: [
    {
      command: start,
      url: `http://localhost:${EMBEDDED_PORT}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        DATABASE_URL: "",
        PORT: String(EMBEDDED_PORT),
        EMBEDDED_DB_PORT,
        DATA_DIR: embeddedDataDir,
        PORTAL_MODE: "demo",
        TRUSTED_PROXY_HOPS: TEST_PROXY_HOPS,
      },
    },
    ...(databaseUrl
      ? [
          {
            command: start,
            url: `http://localhost:${POSTGRES_PORT}/api/health`,
            timeout: 180_000,
            reuseExistingServer: false,
            stdout: "pipe" as const,
            env: {
              DATABASE_URL: databaseUrl,
              DATABASE_SCHEMA: e2eSchema,
              PORT: String(POSTGRES_PORT),
              DATA_DIR: path.join(repoRoot, ".data/e2e-postgres"),
              PORTAL_MODE: "demo",
              TRUSTED_PROXY_HOPS: TEST_PROXY_HOPS,
            },
          },
        ]
      : []),
  ],
});
