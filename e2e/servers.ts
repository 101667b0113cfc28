import fs from "node:fs";
import path from "node:path";
import type { TestInfo } from "@playwright/test";

/**
 * Which portal a Playwright project drives, as playwright.config.ts describes it in the project's
 * metadata: specs ask this instead of guessing from project names, and the helpers that write test
 * users reach the same database the server uses.
 */
export interface ServerInfo {
  /** What /api/health reports as `db`. */
  db: "embedded" | "postgres";
  /** A pg connection string for the server's database (the embedded one over its socket). */
  databaseUrl: string;
  schema: string;
  dataDir: string;
  /** Whether the setup project saved a signed-in session per role for this server. */
  sessions: boolean;
}

export function serverOf(testInfo: Pick<TestInfo, "project">): ServerInfo {
  const info = testInfo.project.metadata as Partial<ServerInfo>;
  if (!info.db || !info.databaseUrl || !info.schema || !info.dataDir)
    throw new Error(`project ${testInfo.project.name} does not describe its server in metadata`);
  return info as ServerInfo;
}

/** The server's demo key for TOTP secrets at rest (demo mode writes it into DATA_DIR/secrets/). */
export function totpKeysOf(server: ServerInfo): string {
  return fs.readFileSync(path.join(server.dataDir, "secrets", "TOTP_ENCRYPTION_KEYS"), "utf8").trim();
}
