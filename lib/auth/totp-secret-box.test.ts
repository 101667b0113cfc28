import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSealed, isSealedUnderCurrentKey, openTotpSecret, parseKeyring, sealTotpSecret, TotpSecretError } from "./totp-secret-box";

const key = () => crypto.randomBytes(32).toString("base64");
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const ALICE = "2b1f6a1e-1111-4c8e-9a55-000000000001";
const BOB = "2b1f6a1e-2222-4c8e-9a55-000000000002";

describe("TOTP secrets encrypted at rest", () => {
  it("round trip; the stored form is versioned, names its key and never contains the secret; each sealing is fresh", () => {
    const keyring = parseKeyring(`k1:${key()}`);
    const sealed = sealTotpSecret(ALICE, SECRET, keyring);
    expect(sealed).toMatch(/^v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(openTotpSecret(ALICE, sealed, keyring)).toBe(SECRET);
    expect(sealTotpSecret(ALICE, SECRET, keyring)).not.toBe(sealed);
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed(SECRET)).toBe(false);
  });

  it("a different key with the same id does not open it", () => {
    const sealed = sealTotpSecret(ALICE, SECRET, parseKeyring(`k1:${key()}`));
    expect(() => openTotpSecret(ALICE, sealed, parseKeyring(`k1:${key()}`))).toThrow(TotpSecretError);
  });

  it("a secret under a key id the ring does not hold is refused by name", () => {
    const sealed = sealTotpSecret(ALICE, SECRET, parseKeyring(`old:${key()}`));
    expect(() => openTotpSecret(ALICE, sealed, parseKeyring(`k2:${key()}`))).toThrow('encrypted under key "old", which TOTP_ENCRYPTION_KEYS does not hold');
  });

  it("bound to the user (AAD): one user's stored secret copied to another user's row does not open", () => {
    const keyring = parseKeyring(`k1:${key()}`);
    const alices = sealTotpSecret(ALICE, SECRET, keyring);
    expect(() => openTotpSecret(BOB, alices, keyring)).toThrow(/copied from another user/);
  });

  it("any altered part (key id aside) fails authentication; plaintext is not accepted as a sealed secret", () => {
    const keyring = parseKeyring(`k1:${key()}`);
    const parts = sealTotpSecret(ALICE, SECRET, keyring).split(":");
    for (const index of [2, 3, 4]) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[index], "base64url");
      bytes[0] ^= 1;
      altered[index] = bytes.toString("base64url");
      expect(() => openTotpSecret(ALICE, altered.join(":"), keyring)).toThrow(TotpSecretError);
    }
    expect(() => openTotpSecret(ALICE, SECRET, keyring)).toThrow(/not encrypted/);
  });

  it("rotation: the first key seals, every listed key opens; what is under an older key is flagged for re-encryption", () => {
    const oldKey = key();
    const newKey = key();
    const before = parseKeyring(`k1:${oldKey}`);
    const after = parseKeyring(`k2:${newKey},k1:${oldKey}`);
    const sealedBefore = sealTotpSecret(ALICE, SECRET, before);
    expect(openTotpSecret(ALICE, sealedBefore, after)).toBe(SECRET);
    expect(isSealedUnderCurrentKey(sealedBefore, after)).toBe(false);
    const resealed = sealTotpSecret(ALICE, openTotpSecret(ALICE, sealedBefore, after), after);
    expect(resealed.startsWith("v1:k2:")).toBe(true);
    expect(isSealedUnderCurrentKey(resealed, after)).toBe(true);
    // Once the old key is dropped, only the re-encrypted value still opens.
    const dropped = parseKeyring(`k2:${newKey}`);
    expect(openTotpSecret(ALICE, resealed, dropped)).toBe(SECRET);
    expect(() => openTotpSecret(ALICE, sealedBefore, dropped)).toThrow(TotpSecretError);
  });

  it("a key ring with a short key or a repeated id is refused", () => {
    expect(() => parseKeyring(`k1:${crypto.randomBytes(16).toString("base64")}`)).toThrow(/32-byte keys/);
    const k = key();
    expect(() => parseKeyring(`k1:${k},k1:${k}`)).toThrow(/twice/);
  });
});
