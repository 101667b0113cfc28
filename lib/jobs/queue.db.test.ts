import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { testDatabase } from "../../test/database";
import { JobQueue, jobsSchemaFor } from "@/lib/jobs/queue";

const database = testDatabase();
const schema = jobsSchemaFor(database.schema);
const queues: JobQueue[] = [];
const quiet = { info: () => {}, error: () => {} };

function queue(): JobQueue {
  const made = new JobQueue({ connectionString: database.url, schema, max: 2, pollingIntervalSeconds: 0.5, log: quiet });
  queues.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop({ timeoutMs: 1_000 })));
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the job queue (pg-boss 10) on PostgreSQL", () => {
  it("keeps its tables in a schema named after the portal's, so each test schema and deployment has its own queue", () => {
    expect(jobsSchemaFor("public")).toBe("public_jobs");
    expect(jobsSchemaFor("test_123_w1")).toBe("test_123_w1_jobs");
    expect(jobsSchemaFor("x".repeat(63)).length).toBeLessThanOrEqual(63);
  });

  it("a recurring job registered by two processes runs its handler one run at a time, about every interval", async () => {
    const name = `tick-${Date.now()}`;
    const starts: number[] = [];
    let active = 0;
    let mostActive = 0;
    const handler = async () => {
      active++;
      mostActive = Math.max(mostActive, active);
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 400));
      active--;
    };
    const [a, b] = [queue(), queue()];
    a.registerRecurring(name, 1_000, handler);
    b.registerRecurring(name, 1_000, handler);
    await Promise.all([a.start(), b.start()]);
    await until(() => starts.length >= 5);
    await Promise.all([a.stop(), b.stop()]);
    expect(mostActive).toBe(1);
    // Each run queues the next one interval later (polling adds up to one polling interval). Two
    // processes starting at the same moment may both seed the chain, so the second run may come early.
    const gaps = starts.slice(2).map((at, i) => at - starts[i + 1]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
  });

  it("a run that throws does not end the chain: the next run was queued before it began", async () => {
    const name = `failing-${Date.now()}`;
    let runs = 0;
    const q = queue();
    q.registerRecurring(name, 1_000, async () => {
      runs++;
      throw new Error("boom");
    });
    await q.start();
    await until(() => runs >= 3);
  });

  it("a recurring job already waiting keeps its time when a process restarts: the restarted process does not run it early", async () => {
    const name = `restart-${Date.now()}`;
    let runs = 0;
    const first = queue();
    first.registerRecurring(name, 60_000, async () => {
      runs++;
    });
    await first.start();
    await until(() => runs === 1);
    await first.stop();
    const second = queue();
    second.registerRecurring(name, 60_000, async () => {
      runs++;
    });
    await second.start();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(runs).toBe(1);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ state: string }>(`SELECT state FROM "${schema}".job WHERE name = $1 AND state = 'created'`, [name]);
      expect(rows).toHaveLength(1);
    } finally {
      await client.end();
    }
  });

  it("a run that outlives its timeout is let go by the queue, not failed by pg-boss (whose un-awaited fail could deadlock with its next fetch): no retries, the chain goes on", async () => {
    const name = `overrun-${Date.now()}`;
    const errors: string[] = [];
    let runs = 0;
    const q = new JobQueue({
      connectionString: database.url,
      schema,
      max: 2,
      pollingIntervalSeconds: 0.5,
      log: { info: () => {}, error: (m) => errors.push(m) },
    });
    queues.push(q);
    q.registerRecurring(
      name,
      1_000,
      (signal) => {
        runs++;
        // Never finishes of its own accord within the test; ends when the queue stops.
        return new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
      },
      { timeoutMs: 1_000 },
    );
    await q.start();
    await until(() => runs >= 3);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ state: string; retry_count: number }>(`SELECT state, retry_count FROM "${schema}".job WHERE name = $1`, [name]);
      expect(rows.filter((row) => row.retry_count > 0 || row.state === "retry" || row.state === "failed")).toEqual([]);
      expect(rows.filter((row) => row.state === "completed").length).toBeGreaterThanOrEqual(2);
    } finally {
      await client.end();
    }
    expect(errors.filter((m) => m.includes("still running after its timeout")).length).toBeGreaterThanOrEqual(2);
  });

  it("a worker gets the data sent to it", async () => {
    const name = `work-${Date.now()}`;
    const received: { n: number }[] = [];
    const q = queue();
    q.registerWorker<{ n: number }>(name, async (data) => {
      received.push(data);
    });
    await q.start();
    await Promise.all([1, 2, 3].map((n) => q.send(name, { n })));
    await until(() => received.length === 3);
    expect(received.map((d) => d.n).sort()).toEqual([1, 2, 3]);
  });
});
