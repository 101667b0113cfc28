import crypto from "node:crypto";

/**
 * Account references in a published report: HMAC-SHA256 of the engine account id under a key that
 * never leaves the server, so a reader can follow one account through the tables without learning
 * which account it is. The key is derived per incident, so the same account reads differently in two
 * reports and a reader cannot link them either.
 */

/** The report key of one incident, derived (HKDF-SHA256) from a server secret. */
export function incidentPseudonymKey(secret: string, incidentId: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), `incident-pseudonym-v1\0${incidentId}`, 32));
}

/** Short, stable references for a set of accounts: 8 hex digits, or 16 for all of them if two of 8 collide. */
export function pseudonymsFor(key: Buffer, accountIds: Iterable<number>): Map<number, string> {
  const digests = new Map<number, string>();
  for (const id of accountIds) {
    if (!digests.has(id)) digests.set(id, crypto.createHmac("sha256", key).update(String(id)).digest("hex"));
  }
  for (const length of [8, 16, 64]) {
    const refs = new Map([...digests].map(([id, digest]) => [id, `acct-${digest.slice(0, length)}`]));
    if (new Set(refs.values()).size === refs.size) return refs;
  }
  throw new Error("two accounts have the same HMAC");
}
