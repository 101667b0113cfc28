import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, walBytes } from "./embedded";

describe("embedded PostgreSQL: concurrent connections", () => {
  it("parameterised queries from many connections at once each get their own answer (no interleaved Parse/Bind)", async () => {
    const db = await startEmbeddedPostgres({ port: await freePort() });
    const pool = new pg.Pool({ connectionString: db.url, max: 8 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 400 }, async (_, i) => {
          // A different statement text per query: a Bind that reached another connection's Parse gives a wrong answer or an error.
          // Every tenth carries a large parameter, so its Bind reaches the server in several TCP chunks (as a journal batch does).
          const padding = i % 10 === 0 ? "x".repeat(300_000) : "";
          const result = await pool.query(`SELECT $1::int + ${i} AS n, $2::text AS label, length($3::text) AS padding`, [i, `q${i}`, padding]);
          return `${result.rows[0].n}:${result.rows[0].label}:${result.rows[0].padding}`;
        }),
      );
      expect(answers).toEqual(Array.from({ length: 400 }, (_, i) => `${2 * i}:q${i}:${i % 10 === 0 ? 300_000 : 0}`));
    } finally {
      await pool.end();
      await db.stop();
    }
  });
});

/** Write about 60 MB of WAL through a client, as a busy journal does; the folder's WAL bytes after, and whether a checkpoint ran. */
async function writeWal(options: { walCheckpointBytes: number; walCheckEveryMs: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-wal-"));
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), ...options });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const checkpointLsn = async () => (await client.query("SELECT checkpoint_lsn::text AS lsn FROM pg_control_checkpoint()")).rows[0].lsn as string;
    const before = await checkpointLsn();
    await client.query("CREATE TABLE wal_filler (id int, pad text)");
    for (let i = 0; i < 12; i++) await client.query("INSERT INTO wal_filler SELECT g, repeat(md5(g::text), 40) FROM generate_series(1, 4000) g");
    // Time for the size check to see the last batch.
    await new Promise((resolve) => setTimeout(resolve, 20 * options.walCheckEveryMs));
    return { wal: walBytes(dataDir), checkpointed: (await checkpointLsn()) !== before };
  } finally {
    await client.end();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("embedded PostgreSQL: WAL stays bounded while it runs (REC-1)", () => {
  it("REC-1: single-user PostgreSQL keeps every WAL segment until a stop; past the threshold a checkpoint runs and the WAL stays near it", async () => {
    const MiB = 1024 * 1024;
    const unbounded = await writeWal({ walCheckpointBytes: Number.MAX_SAFE_INTEGER, walCheckEveryMs: 50 });
    expect(unbounded.checkpointed, "nothing checkpoints on its own").toBe(false);
    expect(unbounded.wal).toBeGreaterThan(48 * MiB);
    const bounded = await writeWal({ walCheckpointBytes: 16 * MiB, walCheckEveryMs: 50 });
    expect(bounded.checkpointed).toBe(true);
    expect(bounded.wal).toBeLessThanOrEqual(48 * MiB);
    expect(bounded.wal).toBeLessThan(unbounded.wal / 1.5);
  });
});
