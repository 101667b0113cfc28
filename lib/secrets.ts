import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, type Env } from "./env";

/**
 * The portal's secrets, in one place: the session-signing secret, the audit log's HMAC key and the
 * keys that encrypt TOTP secrets at rest. Each comes from the environment; in demo mode a missing
 * one is generated once into DATA_DIR/secrets/ (mode 0600) and reused, so sign-ins, the audit chain
 * and enrolled authenticators survive restarts, and every process of one portal (the web server,
 * `npm run engine`, `npm run audit:verify`, tests) reads the same value. Production mode never
 * generates: lib/env.ts refuses to start without them.
 *
 * Not server-only: the start script and CLI tools run outside Next.
 */

export type SecretName = "AUTH_SECRET" | "AUDIT_HMAC_KEY" | "TOTP_ENCRYPTION_KEYS";

const GENERATORS: Record<SecretName, () => string> = {
  AUTH_SECRET: () => crypto.randomBytes(32).toString("base64url"),
  AUDIT_HMAC_KEY: () => crypto.randomBytes(32).toString("base64url"),
  TOTP_ENCRYPTION_KEYS: () => `k1:${crypto.randomBytes(32).toString("base64")}`,
};

const cache = new Map<string, string>();

/** The value of a secret for this process (see above). */
export function secret(name: SecretName, config: Env = env()): string {
  const fromEnv = config[name];
  if (fromEnv) return fromEnv;
  if (config.PORTAL_MODE === "production") throw new Error(`${name} is required in production mode`);
  const dataDir = path.resolve(config.DATA_DIR);
  const key = `${dataDir}\0${name}`;
  let value = cache.get(key);
  if (value === undefined) {
    value = demoSecret(dataDir, name);
    cache.set(key, value);
  }
  return value;
}

/**
 * Read the demo secret's file, or create it. Created with O_EXCL so concurrent first starts (test
 * workers, say) agree on one value: the loser of the race reads the winner's file.
 */
function demoSecret(dataDir: string, name: SecretName): string {
  const legacy = name === "AUTH_SECRET" ? legacyAuthSecret(dataDir) : undefined;
  if (legacy) return legacy;
  const dir = path.join(dataDir, "secrets");
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, GENERATORS[name]() + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // A reader can see the file between its creation and the write: wait for the content.
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = fs.readFileSync(file, "utf8").trim();
    if (value) return value;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  throw new Error(`${file} is empty: delete it and start again`);
}

/** Data folders made before DATA_DIR/secrets/ kept the session secret in secrets.json: keep using it. */
function legacyAuthSecret(dataDir: string): string | undefined {
  const file = path.join(dataDir, "secrets.json");
  if (!fs.existsSync(file)) return undefined;
  const stored = JSON.parse(fs.readFileSync(file, "utf8")) as { AUTH_SECRET?: string };
  return stored.AUTH_SECRET && stored.AUTH_SECRET.length >= 32 ? stored.AUTH_SECRET : undefined;
}
