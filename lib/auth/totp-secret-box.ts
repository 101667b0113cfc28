import crypto from "node:crypto";
import { secret } from "../secrets";

/**
 * TOTP secrets at rest: the one place that encrypts and decrypts them. AES-256-GCM under the keys in
 * TOTP_ENCRYPTION_KEYS (`id:base64key[,id:base64key…]`: the first encrypts, all decrypt), stored as
 * `v1:<keyId>:<iv>:<ciphertext>:<tag>` (base64url) in User.totpSecret and User.totpPendingSecret.
 * The user's id is the additional authenticated data, so a stored secret copied onto another user's
 * row does not decrypt there. Rotation: put a new key first, restart (lib/auth/reseal-totp-secrets.ts
 * re-encrypts every secret under it at start-up), then drop the old key.
 *
 * Not server-only: the demo seed and the start script run outside Next.
 */

const FORMAT = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;

export interface Keyring {
  /** Id of the key new secrets are sealed with (the first listed). */
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A stored secret that cannot be opened: wrong format, unknown key id, or failed authentication. */
export class TotpSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TotpSecretError";
  }
}

/** Parse `id:base64key[,id:base64key…]` (lib/env.ts has already checked its shape). */
export function parseKeyring(value: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of value.split(",")) {
    const [id, encoded, ...rest] = entry.trim().split(":");
    const key = Buffer.from(encoded ?? "", "base64");
    if (!id || rest.length || key.length !== 32) throw new TotpSecretError("TOTP_ENCRYPTION_KEYS must be comma-separated id:base64key pairs with 32-byte keys");
    if (keys.has(id)) throw new TotpSecretError(`TOTP_ENCRYPTION_KEYS lists key id "${id}" twice`);
    keys.set(id, key);
  }
  return { currentId: keys.keys().next().value!, keys };
}

const parsed = new Map<string, Keyring>();

/** This process's keyring (from the environment, or the demo-generated key). */
export function totpKeyring(): Keyring {
  const value = secret("TOTP_ENCRYPTION_KEYS");
  let keyring = parsed.get(value);
  if (!keyring) {
    keyring = parseKeyring(value);
    parsed.set(value, keyring);
  }
  return keyring;
}

export function sealTotpSecret(userId: string, plaintext: string, keyring: Keyring = totpKeyring()): string {
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(additionalData(userId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [FORMAT, keyring.currentId, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(":");
}

export function openTotpSecret(userId: string, sealed: string, keyring: Keyring = totpKeyring()): string {
  const parts = sealed.split(":");
  if (parts.length !== 5 || parts[0] !== FORMAT)
    throw new TotpSecretError("the stored TOTP secret is not encrypted (start the portal once to encrypt stored secrets)");
  const [, keyId, iv, ciphertext, tag] = parts;
  const key = keyring.keys.get(keyId);
  if (!key) throw new TotpSecretError(`the stored TOTP secret is encrypted under key "${keyId}", which TOTP_ENCRYPTION_KEYS does not hold`);
  try {
    const decipher = crypto.createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"));
    decipher.setAAD(additionalData(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TotpSecretError(
      `the stored TOTP secret does not authenticate under key "${keyId}" for this user (wrong key, altered, or copied from another user)`,
    );
  }
}

/** Whether a stored value is sealed under the current key (else it is plaintext or under an older key). */
export function isSealedUnderCurrentKey(stored: string, keyring: Keyring = totpKeyring()): boolean {
  const parts = stored.split(":");
  return parts.length === 5 && parts[0] === FORMAT && parts[1] === keyring.currentId;
}

/** Whether a stored value is in the sealed format at all (plaintext secrets are base32 without colons). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(`${FORMAT}:`);
}

function additionalData(userId: string): Buffer {
  return Buffer.from(`totp-secret:${FORMAT}:${userId}`, "utf8");
}
