import { z } from "zod";

/**
 * The only reader of process.env. Every variable the portal understands is declared here, parsed
 * once, and a bad value stops start-up with one line naming the variable (see `formatEnvError`).
 *
 * Modes: "demo" (the default: embedded PostgreSQL when DATABASE_URL is unset, generated secrets kept
 * in the data folder, demo data seeded) and "production" (DATABASE_URL, AUTH_SECRET and an https NEXTAUTH_URL required,
 * demo data refused; a collateral registry file and an FX rate feed required, the demo registry and rate refused). `npm start` picks production when it is itself run with NODE_ENV=production.
 */

/** REC-5: the record location of a demonstration deployment, where no premises have been recorded yet. */
export const DEMO_RECORD_LOCATION = "premises:demonstration deployment, premises not yet recorded";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === "postgresql:" || url.protocol === "postgres:";
  } catch {
    return false;
  }
}, "must be a postgresql:// connection URL, e.g. postgresql://user:pass@127.0.0.1:5432/portal");

const port = z.coerce
  .number({ error: "must be a port number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

/** A day of the year, MM-DD, that every year has (so not 29 February). */
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a month and day, MM-DD, e.g. 03-31")
  .refine((value) => {
    const [month, day] = value.split("-").map(Number);
    return day <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  }, "must be a day every year has (MM-DD; not 29 February)");

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case PostgreSQL identifier (letters, digits, _)");

export const EnvSchema = z
  .object({
    PORTAL_MODE: z.preprocess(emptyAsUndefined, z.enum(["demo", "production"], { error: 'must be "demo" or "production"' }).default("demo")),
    NODE_ENV: z.preprocess(
      emptyAsUndefined,
      z.enum(["development", "production", "test"], { error: 'must be "development", "production" or "test"' }).default("development"),
    ),
    DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
    /** PostgreSQL schema the portal's tables live in; tests use a throwaway one per run. */
    DATABASE_SCHEMA: z.preprocess(emptyAsUndefined, schemaName.default("public")),
    PORT: z.preprocess(emptyAsUndefined, port.default(3000)),
    /** Port of the embedded PostgreSQL (PGlite over the wire protocol) used when DATABASE_URL is unset. */
    EMBEDDED_DB_PORT: z.preprocess(emptyAsUndefined, port.default(54329)),
    /** Where the embedded database and generated demo secrets live (git-ignored). */
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default(".data")),
    /**
     * Where the engine runs: "in-process" (default: started by instrumentation.ts inside
     * the web server), "engine" (this process is the standalone engine: `npm run engine`), "remote"
     * (a web instance that follows a standalone engine through Redis) or "off".
     */
    ENGINE_MODE: z.preprocess(
      emptyAsUndefined,
      z.enum(["in-process", "engine", "remote", "off"], { error: 'must be "in-process", "engine", "remote" or "off"' }).default("in-process"),
    ),
    /** Whether the engine host drives a simulated market ("on") or only applies submitted commands. */
    SIMULATION: z.preprocess(emptyAsUndefined, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on")),
    SIMULATION_SEED: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be ≥ 0").default(42),
    ),
    /** Simulated seconds per wall second (1 = real time; the crash harness runs faster). */
    SIMULATION_SPEED: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be ≥ 1").max(10_000, "must be ≤ 10000").default(1),
    ),
    /**
     * MRG-5: the minimum notice, in minutes of engine time, between the approval of a change that
     * tightens margin or liquidation and its effective time (clients are told and shown their figures meanwhile).
     */
    RISK_CHANGE_MIN_NOTICE_MINUTES: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be ≥ 0").max(525_600, "must be ≤ 525600").default(1440),
    ),
    /** How long a market must be quiet before its default-management incident closes, seconds (the incident policy's default when unset). */
    INCIDENT_QUIET_SEC: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be ≥ 1").max(86_400, "must be ≤ 86400").optional(),
    ),
    REDIS_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^rediss?:\/\//, "must be a redis:// URL, e.g. redis://127.0.0.1:6379")
        .default("redis://127.0.0.1:6379"),
    ),
    /** Redis channel the standalone engine publishes on; give each deployment sharing a Redis its own. */
    ENGINE_CHANNEL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[\w:.-]{1,100}$/, "must be letters, digits and : . _ - only")
        .default("perps:feed"),
    ),
    /** The standalone engine's command endpoint, for web instances in "remote" mode. */
    ENGINE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^https?:\/\//, "must be an http:// URL, e.g. http://127.0.0.1:4100")
        .default("http://127.0.0.1:4100"),
    ),
    /** Port of the standalone engine's command endpoint (ENGINE_MODE=engine). */
    ENGINE_PORT: z.preprocess(emptyAsUndefined, port.default(4100)),
    AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)").optional()),
    /**
     * Key of the audit log's HMAC chain and of its signed checkpoints (REC-1). It must live outside
     * the database, so a database writer cannot re-hash an edited log. Demo: generated once into
     * DATA_DIR/secrets/. Production: required.
     */
    AUDIT_HMAC_KEY: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)").optional(),
    ),
    /**
     * Where signed audit checkpoints are appended (an append-only store outside the database).
     * Default: DATA_DIR/audit-anchors.
     */
    AUDIT_ANCHOR_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    /**
     * REC-1, REC-2: where the engine journal's archived segment files go (gzip, hash-chained; the
     * JournalSegment table indexes them). Default: DATA_DIR/journal-archive. Production: durable storage,
     * kept as long as the journal's retention requires; one folder per journal (database and schema).
     */
    JOURNAL_ARCHIVE_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).max(4096, "must be a folder path (at most 4096 characters)").optional()),
    /**
     * Hours of engine time the journal keeps in its database tables before older snapshot intervals are
     * archived (fractions allowed). Six by default: the simulation journals about 3.4 million events a
     * day at roughly 490 bytes each in the tables, so a day's window alone would take about 1.6 GB and
     * leave no room under the embedded database's 2 GB target once a month of segments is added. The
     * public trade tape and mark trail serve this window tick by tick and say where the archive begins;
     * per-minute figures (rollups) and archived reads (reports, reviews, replay) cover all history.
     */
    JOURNAL_HOT_HOURS: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ error: "must be a number of hours" })
        .min(1, "must be ≥ 1 (the public mark trail's default window is the last hour)")
        .max(8_760, "must be ≤ 8760")
        .default(6),
    ),
    /**
     * REC-5: where the regulatory records are kept, stated on the compliance pages and in every report
     * pack's manifest: `premises:<approved Hong Kong premises>` or `edsp:<external data storage
     * provider and its undertaking reference>`. The demo default names the premises as not yet set.
     */
    RECORD_LOCATION: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .max(300, "must be at most 300 characters")
        .regex(/^(premises|edsp):\S.*$/, "must be premises:<address> or edsp:<provider and undertaking reference>")
        .default(DEMO_RECORD_LOCATION),
    ),
    /**
     * RPT-5: the anniversary of the licence's grant, MM-DD (Hong Kong date); the annual return is due
     * within one month after each anniversary, and the registers job sets the reminder task. 29 February is refused.
     */
    LICENCE_ANNIVERSARY: z.preprocess(emptyAsUndefined, monthDay.default("04-01")),
    /**
     * RPT-4: the last day of the financial year, MM-DD; the audited accounts are due within four months
     * after it, and the registers job sets the reminder task.
     */
    FINANCIAL_YEAR_END: z.preprocess(emptyAsUndefined, monthDay.default("12-31")),
    /**
     * Keys that encrypt TOTP secrets at rest (AES-256-GCM): comma-separated `id:base64key` pairs,
     * each key 32 bytes; the first encrypts, all decrypt (rotation: put the new key first, restart,
     * let the portal re-encrypt, then drop the old one). Demo: generated into DATA_DIR/secrets/.
     */
    TOTP_ENCRYPTION_KEYS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(
          /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_-]{43}=?(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_-]{43}=?)*$/,
          "must be comma-separated id:base64key pairs with 32-byte keys (generate one with: echo k1:$(openssl rand -base64 32))",
        )
        .optional(),
    ),
    /**
     * How many reverse proxies in front of the portal append to X-Forwarded-For and are trusted to.
     * 0 (default): the client is the TCP peer and X-Forwarded-For is ignored.
     */
    TRUSTED_PROXY_HOPS: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ error: "must be a whole number" })
        .int("must be a whole number")
        .min(0, "must be between 0 and 10")
        .max(10, "must be between 0 and 10")
        .default(0),
    ),
    /**
     * The portal's public base URL, which next-auth builds its callback and redirect URLs from.
     * Demo: `npm start` sets http://localhost:$PORT when unset. Production: required, https.
     */
    NEXTAUTH_URL: z.preprocess(
      emptyAsUndefined,
      z.url({ protocol: /^https?$/, error: "must be the portal's base URL, e.g. https://portal.example.com" }).optional(),
    ),
    /**
     * The SMTP server client notices are e-mailed through, e.g. smtp://user:pass@mail.example.com:587
     * (STARTTLS when offered) or smtps://…:465. Unset: e-mail deliveries are recorded as skipped, never as sent.
     */
    SMTP_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^smtps?:\/\/[^\s/]+/, "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587")
        .optional(),
    ),
    /** The From of notice e-mails: an address, or a name and an address ("Portal <notices@example.com>"). */
    MAIL_FROM: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an e-mail address, or "Name <address>"')
        .default("Perps Portal <notices@perps-portal.invalid>"),
    ),
    /**
     * COL-1: the eligible-collateral registry the engine starts with, a JSON file of registry entries
     * (lib/collateral-registry-file.ts), checked with the engine's own validation. Production: required,
     * with real issuer licence references and no illustrative entry. Demo: the launch registry.
     */
    COLLATERAL_REGISTRY_FILE: z.preprocess(emptyAsUndefined, z.string().min(1).max(4096, "must be a file path (at most 4096 characters)").optional()),
    /**
     * COL-3: the USD/HKD reference-rate feed, an https URL answering {"hkdPerUsd":"7.8","asOf":"<ISO time>"}
     * (lib/simulation/fx-feed.ts). Production: required. Demo: the demo rate (7.8 HKD per USD, labelled so).
     */
    FX_SOURCE_URL: z.preprocess(
      emptyAsUndefined,
      z.url({ protocol: /^https$/, error: "must be an https:// URL of the FX rate feed, e.g. https://fx.example.com/usd-hkd.json" }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.PORTAL_MODE !== "production") return;
    if (!env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required in production mode (the embedded database is for the demo only)" });
    }
    if (!env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production mode (generate one with: openssl rand -base64 32)" });
    }
    if (!env.AUDIT_HMAC_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["AUDIT_HMAC_KEY"],
        message: "is required in production mode (generate one with: openssl rand -base64 32; keep it outside the database)",
      });
    }
    if (!env.TOTP_ENCRYPTION_KEYS) {
      ctx.addIssue({
        code: "custom",
        path: ["TOTP_ENCRYPTION_KEYS"],
        message: "is required in production mode (generate one with: echo k1:$(openssl rand -base64 32))",
      });
    }
    if (!env.COLLATERAL_REGISTRY_FILE) {
      ctx.addIssue({
        code: "custom",
        path: ["COLLATERAL_REGISTRY_FILE"],
        message:
          "is required in production mode: the path of the collateral registry JSON, with each issuer's HKMA licence reference (the demo registry's illustrative stablecoins are refused)",
      });
    }
    if (!env.FX_SOURCE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["FX_SOURCE_URL"],
        message:
          'is required in production mode: the https:// URL of the USD/HKD rate feed ({"hkdPerUsd":"7.8","asOf":"<ISO time>"}); the demo rate is refused',
      });
    }
    if (!env.NEXTAUTH_URL?.startsWith("https://")) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_URL"],
        message: "is required in production mode and must be the https:// address users reach the portal at (session cookies are Secure)",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** One line per problem, each naming the variable: what start-up prints before it stops. */
export function formatEnvError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const variable = issue.path.join(".") || "environment";
      return `Invalid environment: ${variable} ${issue.message}`;
    })
    .join("\n");
}

/** Parse a given environment (tests pass their own object; the app passes process.env). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) throw new EnvError(formatEnvError(result.error));
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process, parsed on first use. */
export function env(): Env {
  // eslint-disable-next-line no-process-env -- this module is the one sanctioned reader
  cached ??= parseEnv(process.env);
  return cached;
}
