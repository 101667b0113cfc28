import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const PRODUCTION_KEYS = {
  AUDIT_HMAC_KEY: "a".repeat(32),
  TOTP_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
  COLLATERAL_REGISTRY_FILE: "/etc/portal/collateral-registry.json",
  FX_SOURCE_URL: "https://fx.example.com/usd-hkd.json",
};

function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error("expected the environment to be rejected");
}

describe("lib/env: configuration validated at start-up", () => {
  it("an empty environment is the demo default: embedded database, port 3000, data in .data", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORTAL_MODE: "demo", PORT: 3000, DATA_DIR: ".data", DATABASE_SCHEMA: "public" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    // No SMTP server: notice e-mails are recorded as skipped, not sent (lib/notices/outbox.ts).
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("Perps Portal <notices@perps-portal.invalid>");
    // REC-1: six hours of journal in the tables, older intervals archived; fractions allowed.
    expect(env.JOURNAL_HOT_HOURS).toBe(6);
    expect(parseEnv({ JOURNAL_HOT_HOURS: "1.5" }).JOURNAL_HOT_HOURS).toBe(1.5);
  });

  it("empty strings count as unset (a blank line in .env must not become a value)", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it.each([
    [{ PORT: "eighty" }, "Invalid environment: PORT must be a port number"],
    [{ PORT: "70000" }, "Invalid environment: PORT must be between 1 and 65535"],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "Invalid environment: DATABASE_URL must be a postgresql:// connection URL"],
    [{ PORTAL_MODE: "staging" }, 'Invalid environment: PORTAL_MODE must be "demo" or "production"'],
    [{ DATABASE_SCHEMA: "Robert'); DROP" }, "Invalid environment: DATABASE_SCHEMA must be a lower-case PostgreSQL identifier"],
    [{ AUTH_SECRET: "short" }, "Invalid environment: AUTH_SECRET must be at least 32 characters"],
    [{ SMTP_URL: "mail.example.com:25" }, "Invalid environment: SMTP_URL must be an smtp:// or smtps:// URL"],
    [{ MAIL_FROM: "Portal <not an address>" }, 'Invalid environment: MAIL_FROM must be an e-mail address, or "Name <address>"'],
    [{ JOURNAL_HOT_HOURS: "0.5" }, "Invalid environment: JOURNAL_HOT_HOURS must be ≥ 1"],
    [{ JOURNAL_HOT_HOURS: "9000" }, "Invalid environment: JOURNAL_HOT_HOURS must be ≤ 8760"],
    [{ JOURNAL_HOT_HOURS: "a day" }, "Invalid environment: JOURNAL_HOT_HOURS must be a number of hours"],
  ])("a bad value stops start-up with one line naming the variable: %o", (source, expected) => {
    const message = errorOf(source);
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(expected);
  });

  it("production mode requires DATABASE_URL, AUTH_SECRET and an https NEXTAUTH_URL, one line each", () => {
    const lines = errorOf({ PORTAL_MODE: "production" }).split("\n");
    expect(lines).toEqual([
      expect.stringContaining("Invalid environment: DATABASE_URL is required in production mode"),
      expect.stringContaining("Invalid environment: AUTH_SECRET is required in production mode"),
      expect.stringContaining("Invalid environment: AUDIT_HMAC_KEY is required in production mode"),
      expect.stringContaining("Invalid environment: TOTP_ENCRYPTION_KEYS is required in production mode"),
      expect.stringContaining("Invalid environment: COLLATERAL_REGISTRY_FILE is required in production mode"),
      expect.stringContaining("Invalid environment: FX_SOURCE_URL is required in production mode"),
      expect.stringContaining("Invalid environment: NEXTAUTH_URL is required in production mode"),
    ]);
  });

  it("COL-1, COL-3: production mode refuses to start without a collateral registry file and an https FX rate feed, naming each", () => {
    const base = {
      PORTAL_MODE: "production",
      DATABASE_URL: "postgresql://u:p@db:5432/portal",
      AUTH_SECRET: "x".repeat(32),
      NEXTAUTH_URL: "https://portal.example.com",
    };
    const missing = errorOf({ ...base, ...PRODUCTION_KEYS, COLLATERAL_REGISTRY_FILE: "", FX_SOURCE_URL: "" });
    expect(missing.split("\n")).toEqual([
      expect.stringContaining("COLLATERAL_REGISTRY_FILE is required in production mode: the path of the collateral registry JSON"),
      expect.stringContaining("FX_SOURCE_URL is required in production mode: the https:// URL of the USD/HKD rate feed"),
    ]);
    expect(errorOf({ ...base, ...PRODUCTION_KEYS, FX_SOURCE_URL: "http://fx.example.com/rate.json" })).toContain(
      "Invalid environment: FX_SOURCE_URL must be an https:// URL of the FX rate feed",
    );
    // Demo mode runs on the demo registry and the labelled demo rate.
    const demo = parseEnv({});
    expect(demo.COLLATERAL_REGISTRY_FILE).toBeUndefined();
    expect(demo.FX_SOURCE_URL).toBeUndefined();
  });

  it("production mode refuses a plain-http NEXTAUTH_URL (secure cookies)", () => {
    const message = errorOf({
      PORTAL_MODE: "production",
      DATABASE_URL: "postgresql://u:p@db:5432/portal",
      AUTH_SECRET: "x".repeat(32),
      ...PRODUCTION_KEYS,
      NEXTAUTH_URL: "http://portal.example.com",
    });
    expect(message).toContain("NEXTAUTH_URL is required in production mode and must be the https://");
  });

  it("production mode with its settings set is accepted", () => {
    const env = parseEnv({
      PORTAL_MODE: "production",
      DATABASE_URL: "postgresql://u:p@db:5432/portal",
      AUTH_SECRET: "x".repeat(32),
      ...PRODUCTION_KEYS,
      NEXTAUTH_URL: "https://portal.example.com",
    });
    expect(env.PORTAL_MODE).toBe("production");
  });
});
