import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "./embedded";

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
