import { spawn } from "node:child_process";
import path from "node:path";
import { parseEnv, type Env } from "../lib/env";
import { formatCliError } from "./cli-error";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./db/embedded";
import { applyMigrations, REPO_ROOT } from "./db/migrations";
import { seedDemoData } from "../prisma/seed";
import { ensureReferenceData } from "../prisma/reference-data";
import { createPrismaClient } from "../lib/prisma-client";
import type { PrismaClient } from "../prisma/generated/client";
import { ensureBuild } from "./build-fingerprint";
import { writeComplianceMatrix } from "./compliance-matrix";
import { secret, type SecretName } from "../lib/secrets";
import { resealTotpSecrets } from "../lib/auth/reseal-totp-secrets";

/**
 * `npm start`: build if the sources changed, start the embedded PostgreSQL when DATABASE_URL is
 * unset, migrate, seed the demo data once, and serve the portal (scripts/serve.mjs). This process
 * owns the embedded database; Next runs as a child so the database outlives page rebuilds and both
 * stop together.
 */

const log = (message: string) => console.log(`[portal] ${message}`);

async function main() {
  const source = { ...process.env };
  // Run as `NODE_ENV=production npm start` and the portal starts in production mode unless told otherwise.
  source.PORTAL_MODE ||= source.NODE_ENV === "production" ? "production" : "demo";
  const config = parseEnv(source);
  const dataDir = path.resolve(REPO_ROOT, config.DATA_DIR);

  // The compliance page imports the matrix of requirements and test titles: write it first, so the
  // build fingerprint sees it change when a catalogue row or a test title does.
  writeComplianceMatrix();
  ensureBuild(log);

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const pgDir = path.join(dataDir, "pg");
    log(`DATABASE_URL is unset: starting the embedded PostgreSQL (PGlite) with data in ${path.relative(process.cwd(), pgDir) || pgDir}`);
    embedded = await startEmbeddedPostgres({ dataDir: pgDir, port: config.EMBEDDED_DB_PORT });
    databaseUrl = embedded.url;
  }

  const stopDatabase = async () => {
    await embedded?.stop().catch(() => {});
  };

  try {
    // Secrets from the environment, or in demo mode generated once into the data folder (lib/secrets.ts).
    const secretConfig = { ...config, DATA_DIR: dataDir };
    const secrets = {
      AUTH_SECRET: secret("AUTH_SECRET", secretConfig),
      AUDIT_HMAC_KEY: secret("AUDIT_HMAC_KEY", secretConfig),
      TOTP_ENCRYPTION_KEYS: secret("TOTP_ENCRYPTION_KEYS", secretConfig),
    };
    // The seed below runs in this process and writes audit rows and TOTP secrets with these keys.
    Object.assign(process.env, secrets);
    // PGlite serves one session to all connections and ignores per-connection search_path, so the
    // embedded database always keeps its tables in "public"; DATABASE_SCHEMA applies to servers.
    const schema = embedded ? "public" : config.DATABASE_SCHEMA;
    const target = { url: databaseUrl, schema };
    const applied = await applyMigrations(target);
    log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database schema is up to date");
    await withClient(target, ensureReferenceData);

    if (config.PORTAL_MODE === "demo") {
      const seeded = await seedDemoData(target);
      log(seeded ? "seeded the demo data" : "demo data already present");
    }
    // TOTP secrets at rest: encrypt any still in plaintext, and move any under an older key to the current one.
    await withClient(target, async (prisma) => {
      const { resealed, unreadable } = await resealTotpSecrets(prisma);
      if (resealed) log(`encrypted ${resealed} user(s)' TOTP secrets under the current TOTP_ENCRYPTION_KEYS key`);
      for (const { userId, problem } of unreadable) console.warn(`[portal] user ${userId}: ${problem}`);
    });

    const child = spawn(process.execPath, [path.join(REPO_ROOT, "scripts/serve.mjs"), "--port", String(config.PORT)], {
      cwd: REPO_ROOT,
      stdio: "inherit",
      env: childEnv(config, {
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
        ...secrets,
        // next-auth builds its redirect URLs from this; production requires it to be set (lib/env.ts).
        NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`,
      }),
    });
    log(`serving the portal at http://localhost:${config.PORT} (${embedded ? "embedded PostgreSQL" : "PostgreSQL server"})`);

    const shutdown = (signal: NodeJS.Signals) => {
      child.kill(signal);
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
    const code = await new Promise<number>((resolve) => child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1))));
    await stopDatabase();
    process.exit(code);
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}

async function withClient(target: { url: string; schema: string }, fn: (prisma: PrismaClient) => Promise<void>) {
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

function childEnv(
  config: Env,
  overrides: { DATABASE_URL: string; DATABASE_SCHEMA: string; NEXTAUTH_URL: string } & Record<SecretName, string>,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORTAL_MODE: config.PORTAL_MODE,
    DATA_DIR: config.DATA_DIR,
    ...overrides,
  };
}

main().catch((error) => {
  console.error(formatCliError(error));
  process.exit(1);
});
