import path from "node:path";
import { defineConfig, devices, type Project } from "@playwright/test";
import type { ServerInfo } from "./e2e/servers";
import type { ServerSpec } from "./e2e/global-setup";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./test/chromium";

/**
 * Browser tests drive Debian's Chromium (npx playwright install cannot download browsers here).
 * e2e/global-setup.ts starts the portals with the real start command and stops them (then drops the
 * throwaway schema) when the run ends:
 * - "postgres" (when DATABASE_URL is set): the same code against that PostgreSQL server, in a
 *   throwaway schema. The whole suite runs here: read-only specs on parallel workers (project
 *   "postgres"), then the specs that move the shared simulated market one at a time ("postgres-serial").
 * - "embedded": DATABASE_URL unset and an empty data folder, i.e. a fresh clone's first `npm start`.
 *   With a PostgreSQL server it runs the smoke set (tests tagged @smoke: migration, sign-in,
 *   onboarding approval, an order, the live stream, public pages); without one it runs everything.
 * Each role of the demo data signs in once per run ("setup" saves the sessions); tests that must
 * sign in afresh (TOTP, step-up, lockout) make their own users (e2e/test-users.ts).
 * All servers reuse one `next build` made beforehand by scripts/test.ts.
 */

const repoRoot = import.meta.dirname;
const databaseUrl = process.env.DATABASE_URL || undefined;
// Playwright re-reads this file in every worker: the run's stamp is fixed once, in the runner.
const runStamp = process.env.E2E_RUN_STAMP || `${process.pid}_${Date.now().toString(36)}`;
process.env.E2E_RUN_STAMP = runStamp;

// Overridable so a second checkout on the same machine can run its browser tests at the same time.
const EMBEDDED_PORT = Number(process.env.E2E_EMBEDDED_PORT || 3101);
const POSTGRES_PORT = Number(process.env.E2E_POSTGRES_PORT || 3102);
const EMBEDDED_DB_PORT = process.env.E2E_EMBEDDED_DB_PORT || "54391";

// Specs play several clients from one machine by sending "X-Forwarded-For: <client>, <proxy>", as if
// behind two reverse proxies; the browser's own requests carry none and count as the TCP peer.
// e2e/multi-instance.spec.ts checks the default (0 hops: X-Forwarded-For ignored).
const TEST_PROXY_HOPS = "2";

const embedded: ServerInfo = {
  db: "embedded",
  databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_DB_PORT}/postgres?sslmode=disable`,
  schema: "public",
  dataDir: path.join(repoRoot, ".data/e2e-embedded"),
  sessions: !databaseUrl,
};
const postgres: ServerInfo | undefined = databaseUrl
  ? { db: "postgres", databaseUrl, schema: `e2e_${runStamp}`, dataDir: path.join(repoRoot, ".data/e2e-postgres"), sessions: true }
  : undefined;

const servers: ServerSpec[] = [
  {
    name: "embedded",
    port: EMBEDDED_PORT,
    dataDir: embedded.dataDir,
    env: {
      DATABASE_URL: "",
      PORT: String(EMBEDDED_PORT),
      EMBEDDED_DB_PORT,
      DATA_DIR: embedded.dataDir,
      PORTAL_MODE: "demo",
      TRUSTED_PROXY_HOPS: TEST_PROXY_HOPS,
      // An incident closes after its market is quiet; a browser test cannot wait the launched 5 minutes.
      INCIDENT_QUIET_SEC: "20",
      // A tightening parameter change waits its notice in engine time; the browser test watches it apply.
      RISK_CHANGE_MIN_NOTICE_MINUTES: "1",
    },
  },
  ...(postgres
    ? [
        {
          name: "postgres",
          port: POSTGRES_PORT,
          dataDir: postgres.dataDir,
          dropSchema: { url: postgres.databaseUrl, schema: postgres.schema },
          env: {
            DATABASE_URL: postgres.databaseUrl,
            DATABASE_SCHEMA: postgres.schema,
            PORT: String(POSTGRES_PORT),
            DATA_DIR: postgres.dataDir,
            PORTAL_MODE: "demo",
            TRUSTED_PROXY_HOPS: TEST_PROXY_HOPS,
            INCIDENT_QUIET_SEC: "20",
            RISK_CHANGE_MIN_NOTICE_MINUTES: "1",
          },
        },
      ]
    : []),
];

/** Specs that move the shared simulated market or watch the whole database: one at a time, after the rest. */
const MARKET_MOVERS = [
  "flash-crash.spec.ts",
  "incident-report.spec.ts",
  "scenario-injection.spec.ts",
  "parameter-change.spec.ts",
  "multi-instance.spec.ts",
  "fuzz.spec.ts",
  "afmm-oversight.spec.ts",
  "collateral-governance.spec.ts",
].map((file) => `**/${file}`);
const SETUP = "**/sessions.setup.ts";

const full = postgres ?? embedded;
const fullName = full.db;
const fullUse = { baseURL: `http://localhost:${postgres ? POSTGRES_PORT : EMBEDDED_PORT}` };
const projects: Project[] = [
  { name: "setup", testMatch: SETUP, use: fullUse, metadata: full },
  // Playwright runs projects in phases by dependency, each phase after the last has finished. Depending
  // on "setup" (which it does not use) puts the smoke set in the read-only phase, listed first so its
  // long onboarding test starts early on one worker while the other works through the read-only specs.
  ...(postgres
    ? [
        {
          name: "embedded-smoke",
          grep: /@smoke/,
          testIgnore: SETUP,
          dependencies: ["setup"],
          fullyParallel: true,
          use: { baseURL: `http://localhost:${EMBEDDED_PORT}` },
          metadata: embedded,
        },
      ]
    : []),
  { name: fullName, testIgnore: [SETUP, ...MARKET_MOVERS], dependencies: ["setup"], fullyParallel: true, use: fullUse, metadata: full },
  { name: `${fullName}-serial`, testMatch: MARKET_MOVERS, dependencies: [fullName], workers: 1, use: fullUse, metadata: full },
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  workers: Number(process.env.E2E_WORKERS || 2),
  retries: 0,
  timeout: 60_000,
  // A form whose server action revalidates its page shows the answer once the page has re-rendered
  // with it; with two workers and the portals' simulations on two cores that alone has taken over
  // five seconds (Playwright's default), though the action itself answered in milliseconds.
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  metadata: { servers },
  use: {
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects,
});
