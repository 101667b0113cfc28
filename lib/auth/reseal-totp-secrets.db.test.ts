import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createPrismaClient } from "../prisma-client";
import { resealTotpSecrets } from "./reseal-totp-secrets";
import { openTotpSecret, parseKeyring, sealTotpSecret, totpKeyring, type Keyring } from "./totp-secret-box";
import { createUser } from "../../prisma/factories";
import { unique } from "../../test/service-context";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(() => client.$disconnect());

const key = () => crypto.randomBytes(32).toString("base64");
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PENDING = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
// The schema is shared with the other database tests of the run: the current key stays this
// process's own, so rows sealed under it (everyone else's users) are left exactly as they are.
const current = totpKeyring();
const currentEntry = `${current.currentId}:${current.keys.get(current.currentId)!.toString("base64")}`;
const withOlder = (older: string): Keyring => parseKeyring(`${currentEntry},${older}`);

describe("start-up re-encryption of TOTP secrets", () => {
  it("plaintext secrets from older databases are encrypted; a second run changes nothing", async () => {
    const keyring = current;
    const user = await createUser(client, { email: unique("legacy"), roles: ["ADMIN"] });
    await client.user.update({ where: { id: user.id }, data: { totpSecret: SECRET, totpPendingSecret: PENDING } });
    const first = await resealTotpSecrets(client, keyring);
    expect(first.resealed).toBeGreaterThanOrEqual(1);
    const row = await client.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret!.startsWith(`v1:${current.currentId}:`)).toBe(true);
    expect(openTotpSecret(user.id, row.totpSecret!, keyring)).toBe(SECRET);
    expect(openTotpSecret(user.id, row.totpPendingSecret!, keyring)).toBe(PENDING);
    await resealTotpSecrets(client, keyring);
    expect(await client.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(row);
  });

  it("rotation: secrets under the older key move to the new first key, and then open without the old one", async () => {
    const older = `retired:${key()}`;
    const user = await createUser(client, { email: unique("rotate"), roles: ["ADMIN"] });
    await client.user.update({ where: { id: user.id }, data: { totpSecret: sealTotpSecret(user.id, SECRET, parseKeyring(older)) } });
    await resealTotpSecrets(client, withOlder(older));
    const row = await client.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret!.startsWith(`v1:${current.currentId}:`)).toBe(true);
    expect(openTotpSecret(user.id, row.totpSecret!, parseKeyring(currentEntry))).toBe(SECRET);
  });

  it("a secret no listed key opens is reported and left alone; the others are still re-encrypted", async () => {
    const ring = current;
    const lost = await createUser(client, { email: unique("lost"), roles: ["ADMIN"] });
    const lostValue = sealTotpSecret(lost.id, SECRET, parseKeyring(`gone:${key()}`));
    await client.user.update({ where: { id: lost.id }, data: { totpSecret: lostValue } });
    const plain = await createUser(client, { email: unique("plain"), roles: ["ADMIN"] });
    await client.user.update({ where: { id: plain.id }, data: { totpSecret: SECRET } });
    const { unreadable } = await resealTotpSecrets(client, ring);
    expect(unreadable).toContainEqual({ userId: lost.id, problem: expect.stringContaining('key "gone"') });
    expect((await client.user.findUniqueOrThrow({ where: { id: lost.id } })).totpSecret).toBe(lostValue);
    expect(openTotpSecret(plain.id, (await client.user.findUniqueOrThrow({ where: { id: plain.id } })).totpSecret!, ring)).toBe(SECRET);
  });
});
