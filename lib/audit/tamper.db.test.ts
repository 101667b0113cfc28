import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createPrismaClient } from "../prisma-client";
import { auditKey, hashRow, legacyHashRow, type AuditRow } from "./chain";
import { auditAnchorConfig, checkpointFilePath, checkpointLine, databaseIdentity, signCheckpoint, writeAuditCheckpoint } from "./checkpoints";
import { describeChainCheck, describeCheckpoints, verifyAuditChain } from "./verify";
import { appendEntries, asSuperuserWriter, editAndRehash, unkeyedHash, withScratchLog } from "../../test/audit-tampering";

/**
 * The audit log must be tamper-evident against a database writer.
 * Each attack of the finding is run as a superuser with the append-only trigger switched off, and
 * verification (the function `npm run audit:verify` calls, and the CLI itself once) must name it.
 */

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
const q = (name: string) => `"${database.schema}"."${name}"`;
const key = auditKey();
const dirs: string[] = [];
let anchorDir = "";
const anchor = () => auditAnchorConfig({ key, dir: anchorDir, schema: database.schema });
const verify = () => verifyAuditChain(client, anchor());
const checkpoint = async () => {
  const outcome = await writeAuditCheckpoint(client, anchor());
  expect(outcome.written, "a checkpoint was written").not.toBeNull();
  return outcome.written!;
};

beforeEach(() => {
  anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-anchors-"));
  dirs.push(anchorDir);
});
afterAll(async () => {
  await client.$disconnect();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const scratch = (fn: () => Promise<void>) => withScratchLog(client, database.schema, fn);

describe("the database refuses to change or remove audit rows", () => {
  it("UPDATE, DELETE and TRUNCATE on AuditLog are refused by the database, and the row is unchanged", async () => {
    const seq = await appendEntries(client, 1, "refuse");
    const before = await client.auditLog.findUniqueOrThrow({ where: { seq } });
    await expect(client.$executeRawUnsafe(`UPDATE ${q("AuditLog")} SET reason = 'rewritten' WHERE seq = $1`, seq)).rejects.toThrow(
      /append-only: UPDATE on "AuditLog" is refused/,
    );
    await expect(client.$executeRawUnsafe(`DELETE FROM ${q("AuditLog")} WHERE seq = $1`, seq)).rejects.toThrow(/append-only: DELETE on "AuditLog" is refused/);
    await expect(client.$executeRawUnsafe(`TRUNCATE ${q("AuditLog")}`)).rejects.toThrow(/append-only: TRUNCATE on "AuditLog" is refused/);
    await expect(client.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(client.auditLog.update({ where: { seq }, data: { reason: "rewritten" } })).rejects.toThrow(/append-only/);
    expect(await client.auditLog.findUniqueOrThrow({ where: { seq } })).toEqual(before);
    const check = await verify();
    expect(check.ok, describeChainCheck(check)).toBe(true);
  });
});

describe("each attack by a database writer with full privileges is detected and named", () => {
  it("cutting the tail and moving the head back is named (rows removed from the end, per the signed checkpoint)", async () => {
    await scratch(async () => {
      await appendEntries(client, 8, "cut");
      const signed = await checkpoint();
      expect(signed.seq).toBe(8n);
      expect((await verify()).ok).toBe(true);
      await asSuperuserWriter(client, async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM ${q("AuditLog")} WHERE seq > 4`);
        await tx.$executeRawUnsafe(`UPDATE ${q("AuditChainHead")} SET seq = 4, hash = (SELECT hash FROM ${q("AuditLog")} WHERE seq = 4) WHERE id = 1`);
      });
      const check = await verify();
      expect(check.ok).toBe(false);
      expect(check.problems).toContain(
        `rows 5–8 were removed from the end (the signed checkpoint of ${signed.at.toISOString()} records row 8; the log now ends at row 4)`,
      );
      expect(describeCheckpoints(check)).toBe(`last signed checkpoint: row 8 at ${signed.at.toISOString()} (1 signed checkpoint)`);
      // A checkpoint is never written over a log that lost rows.
      await expect(writeAuditCheckpoint(client, anchor())).rejects.toThrow("the chain head records row 4, behind row 8 of the last checkpoint");
    });
  });

  it("deleting every row and the head is named (the log is empty but a signed checkpoint records N rows)", async () => {
    await scratch(async () => {
      await appendEntries(client, 6, "wipe");
      const signed = await checkpoint();
      await asSuperuserWriter(client, async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM ${q("AuditLog")}`);
        await tx.$executeRawUnsafe(`DELETE FROM ${q("AuditChainHead")}`);
        await tx.$executeRawUnsafe(`DELETE FROM ${q("AuditCheckpointMark")}`);
      });
      const check = await verify();
      expect(check.ok).toBe(false);
      expect(check.problems).toEqual([`the audit log is empty but the signed checkpoint of ${signed.at.toISOString()} records 6 rows: every row was deleted`]);
    });
  });

  it("editing a row and re-hashing it and every later row with the old unkeyed function is named (HMAC mismatch at that row)", async () => {
    await scratch(async () => {
      await appendEntries(client, 8, "rehash-sha");
      const signed = await checkpoint();
      await editAndRehash(client, database.schema, 3n, unkeyedHash);
      const check = await verify();
      expect(check.ok).toBe(false);
      expect(check.problems[0]).toBe("row 3 does not match its HMAC: it was edited (re-hashing without the key does not help) (and 5 later rows fail too)");
      expect(check.problems).toContain(`row 8 is not the row the checkpoint of ${signed.at.toISOString()} signed: the log was rewritten from there or earlier`);
      expect(check.rows).toBe(2);
    });
  });

  it("the same edit re-hashed with HMAC under a wrong key is named the same way", async () => {
    await scratch(async () => {
      await appendEntries(client, 5, "rehash-key");
      await checkpoint();
      const wrongKey = "w".repeat(43);
      await editAndRehash(client, database.schema, 2n, (row) => hashRow(row, wrongKey));
      const check = await verify();
      expect(check.ok).toBe(false);
      expect(check.problems[0]).toBe("row 2 does not match its HMAC: it was edited (re-hashing without the key does not help) (and 3 later rows fail too)");
    });
  });

  it("passing the rewritten rows off as written before keyed hashing is named (after the sealed legacy rows)", async () => {
    await scratch(async () => {
      await appendEntries(client, 5, "claim-legacy");
      const signed = await checkpoint();
      await editAndRehash(client, database.schema, 4n, unkeyedHash, 1);
      const check = await verify();
      expect(check.problems[0]).toBe(
        `row 4 carries the old unkeyed hash, but the checkpoint of ${signed.at.toISOString()} records that no rows were written before keyed hashing: it was rewritten without the key (and 1 later row fails too)`,
      );
    });
  });

  it("`npm run audit:verify` passes an intact log (printing the checkpoint it relied on) and exits 1 naming a cut tail", async () => {
    await scratch(async () => {
      await appendEntries(client, 6, "cli");
      const signed = await checkpoint();
      const run = () =>
        promisify(execFile)(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/audit-verify.ts"], {
          env: { ...process.env, DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema, AUDIT_HMAC_KEY: key, AUDIT_ANCHOR_DIR: anchorDir },
        }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
        );
      const intact = await run();
      expect(intact).toEqual({ code: 0, stdout: `6 rows verified\nlast signed checkpoint: row 6 at ${signed.at.toISOString()} (1 signed checkpoint)\n` });
      await asSuperuserWriter(client, async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM ${q("AuditLog")} WHERE seq > 2`);
        await tx.$executeRawUnsafe(`UPDATE ${q("AuditChainHead")} SET seq = 2, hash = (SELECT hash FROM ${q("AuditLog")} WHERE seq = 2) WHERE id = 1`);
      });
      const cut = await run();
      expect(cut.code).toBe(1);
      expect(cut.stdout).toContain(
        `rows 3–6 were removed from the end (the signed checkpoint of ${signed.at.toISOString()} records row 6; the log now ends at row 2)`,
      );
    });
  });

  it("known window: rows appended after the latest checkpoint can be cut without detection (the README states it)", async () => {
    await scratch(async () => {
      await appendEntries(client, 4, "window");
      await checkpoint();
      await appendEntries(client, 2, "window-after");
      await asSuperuserWriter(client, async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM ${q("AuditLog")} WHERE seq > 4`);
        await tx.$executeRawUnsafe(`UPDATE ${q("AuditChainHead")} SET seq = 4, hash = (SELECT hash FROM ${q("AuditLog")} WHERE seq = 4) WHERE id = 1`);
      });
      expect((await verify()).ok).toBe(true);
    });
  });
});

describe("rows hashed before keyed hashing are accepted only under a sealing checkpoint", () => {
  /** Rows as an older portal wrote them: plain SHA-256, hash version 1 (the migration marks existing rows so). */
  async function legacyRows(n: number): Promise<void> {
    await asSuperuserWriter(client, async (tx) => {
      let prevHash = "0".repeat(64);
      for (let i = 1; i <= n; i++) {
        const row: AuditRow = {
          seq: BigInt(i),
          at: new Date(Date.UTC(2026, 10, 1, 0, i)),
          actorId: null,
          actorEmail: "old@test.example",
          action: "auth.sign_in",
          entity: "User",
          entityId: `old-${i}`,
          before: null,
          after: { n: i },
          reason: null,
          prevHash,
          hash: "",
          hashVersion: 1,
        };
        row.hash = legacyHashRow(row);
        await tx.auditLog.create({ data: { ...row, before: undefined, after: { n: i } } });
        prevHash = row.hash;
      }
      await tx.auditChainHead.update({ where: { id: 1 }, data: { seq: BigInt(n), hash: prevHash } });
    });
  }

  it("legacy rows without a sealing checkpoint are reported; the first checkpoint seals them; a legacy row after the seal is reported", async () => {
    await scratch(async () => {
      await legacyRows(4);
      const unsealed = await verify();
      expect(unsealed.problems).toEqual([
        "row 1 carries the old unkeyed hash and no signed checkpoint seals the rows written before keyed hashing: it cannot be trusted (and 3 later rows fail too)",
      ]);

      // The upgraded portal appends (the demo seed may run before the first checkpoint), then seals.
      await appendEntries(client, 2, "after-upgrade");
      const seal = await checkpoint();
      expect(seal.legacy).toBe(4n);
      const sealed = await verify();
      expect(sealed.ok, describeChainCheck(sealed)).toBe(true);
      expect(describeCheckpoints(sealed)).toBe(
        `last signed checkpoint: row 6 at ${seal.at.toISOString()} (1 signed checkpoint); rows 1–4 written before keyed hashing, sealed by the first checkpoint`,
      );

      await appendEntries(client, 3, "later");
      const next = await checkpoint();
      expect(next.legacy).toBe(4n);
      await editAndRehash(client, database.schema, 8n, unkeyedHash, 1);
      const check = await verify();
      expect(check.problems[0]).toBe(
        `row 8 carries the old unkeyed hash, but the checkpoint of ${seal.at.toISOString()} sealed rows 1–4 as the only rows written before keyed hashing: it was rewritten without the key (and 1 later row fails too)`,
      );
    });
  });

  it("a sealed legacy row edited afterwards is reported; legacy rows behind keyed rows are never sealed", async () => {
    await scratch(async () => {
      await legacyRows(3);
      await appendEntries(client, 1, "after-upgrade");
      await checkpoint();
      await asSuperuserWriter(client, (tx) => tx.$executeRawUnsafe(`UPDATE ${q("AuditLog")} SET "actorEmail" = 'someone-else@test.example' WHERE seq = 2`));
      expect((await verify()).problems[0]).toBe("row 2 (written before keyed hashing) was altered: its content no longer matches its hash");
    });
    anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-anchors-"));
    dirs.push(anchorDir);
    await scratch(async () => {
      await appendEntries(client, 3, "keyed-first");
      await editAndRehash(client, database.schema, 2n, unkeyedHash, 1);
      await expect(writeAuditCheckpoint(client, anchor())).rejects.toThrow("rows with the old unkeyed hash are not all at the start of the log");
    });
  });
});

describe("the signed checkpoint file outside the database", () => {
  async function threeCheckpoints() {
    await appendEntries(client, 3, "file");
    const first = await checkpoint();
    await appendEntries(client, 2, "file");
    const second = await checkpoint();
    await appendEntries(client, 2, "file");
    const third = await checkpoint();
    const file = checkpointFilePath(anchorDir, await databaseIdentity(client, database.schema));
    return { file, text: fs.readFileSync(file, "utf8"), first, second, third };
  }

  it("checkpoints chain and verify; an unchanged head writes none", async () => {
    await scratch(async () => {
      const { text, first, second, third } = await threeCheckpoints();
      expect(text.trim().split("\n")).toHaveLength(3);
      expect([first.prev, second.prev, third.prev]).toEqual([null, first.sig, second.sig]);
      expect(await writeAuditCheckpoint(client, anchor())).toMatchObject({ written: null, reason: "no new rows since the last checkpoint" });
      const check = await verify();
      expect(check.ok, describeChainCheck(check)).toBe(true);
      expect(check.checkpoints).toEqual({ count: 3, latest: { seq: 7n, at: third.at }, legacyRows: 0n });
    });
  });

  it("an edited, truncated, cut-back, thinned, emptied or deleted checkpoint file is detected and named", async () => {
    await scratch(async () => {
      const { file, text, third } = await threeCheckpoints();
      const lines = text.trim().split("\n");
      const lacks = `the checkpoint file lacks the signed checkpoint of ${third.at.toISOString()} (row 7) that the database records as the latest: the file was cut back or replaced`;
      // [what was done to the file, its new content (null: deleted), what verification says, whether the portal refuses to extend it]
      const cases: [string, string | null, string[], boolean][] = [
        [
          "edited",
          [lines[0], lines[1].replace('"seq":"5"', '"seq":"4"'), lines[2]].join("\n") + "\n",
          ["checkpoint line 2 does not match its signature: it was edited or forged"],
          false,
        ],
        ["cut mid-line", text.slice(0, -20), ["checkpoint line 3 is incomplete: the checkpoint file was cut short", lacks], true],
        ["last line removed", `${lines[0]}\n${lines[1]}\n`, [lacks], true],
        [
          "middle line removed",
          `${lines[0]}\n${lines[2]}\n`,
          ["checkpoint line 2 does not follow line 1: a checkpoint was removed, inserted or reordered"],
          false,
        ],
        ["first line removed", `${lines[1]}\n${lines[2]}\n`, ["the checkpoint file does not start at the first checkpoint: earlier lines were removed"], false],
        ["emptied", "", ["the checkpoint file is empty: its checkpoints were removed", lacks], true],
        [
          "deleted",
          null,
          [
            `the checkpoint file is missing, but the database records the signed checkpoint of ${third.at.toISOString()} (row 7): the file was deleted or moved`,
          ],
          true,
        ],
      ];
      for (const [name, content, problems, refused] of cases) {
        if (content === null) fs.rmSync(file);
        else fs.writeFileSync(file, content);
        const check = await verify();
        expect(check.problems, name).toEqual(problems);
        // A file whose end was damaged or cut back is not extended (that would hide it); the head has not moved, so nothing else is written either.
        if (refused) await expect(writeAuditCheckpoint(client, anchor()), name).rejects.toThrow();
        else expect((await writeAuditCheckpoint(client, anchor())).written, name).toBeNull();
        fs.writeFileSync(file, text);
        expect((await verify()).ok, `${name}: restored`).toBe(true);
      }
    });
  });

  it("a checkpoint line signed with another key is reported as forged", async () => {
    await scratch(async () => {
      const { file, third } = await threeCheckpoints();
      const head = await client.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
      const forged = signCheckpoint({ ...third, seq: head.seq, hash: head.hash, at: new Date(), prev: third.sig }, "f".repeat(43));
      fs.appendFileSync(file, `${checkpointLine(forged)}\n`);
      expect((await verify()).problems).toEqual(["checkpoint line 4 does not match its signature: it was edited or forged"]);
    });
  });

  it("concurrent writers on separate connections (as several web instances) sharing the folder keep one linear chain of intact lines", async () => {
    await scratch(async () => {
      const others = [createPrismaClient(database.url, database.schema), createPrismaClient(database.url, database.schema)];
      try {
        for (let round = 0; round < 4; round++) {
          await appendEntries(client, 2, `race-${round}`);
          const outcomes = await Promise.all([client, ...others].map((writer) => writeAuditCheckpoint(writer, anchor())));
          expect(outcomes.filter((outcome) => outcome.written).length, `round ${round}: one writer signs, the others see the head unchanged`).toBe(1);
        }
      } finally {
        await Promise.all(others.map((other) => other.$disconnect()));
      }
      const check = await verify();
      expect(check.ok, describeChainCheck(check)).toBe(true);
      expect(check.checkpoints.count).toBe(4);
    });
  });
});
