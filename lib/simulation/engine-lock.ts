import os from "node:os";
import crypto from "node:crypto";
import pg from "pg";
import { fnv1a64 } from "../engine/index";

/**
 * One engine per journal. Two engines on one journal would each apply their own commands to their
 * own copy of the state and interleave them in the journal; the journal's primary key only stops the
 * second at its first write. So the host holds this lock from before it reads the journal until it
 * stops, and a second engine refuses to start, saying why.
 *
 * On a PostgreSQL server the lock is a session-level advisory lock, `pg_try_advisory_lock(key)` with
 * the key derived from the schema name (two portals in different schemas of one server do not block
 * each other; advisory locks are per database anyway). It belongs to one database session, so it is
 * taken on a dedicated connection (not a pooled one) that stays open while the engine runs; when the
 * process dies the server ends the session and the lock with it.
 *
 * The embedded database (PGlite behind pglite-socket) multiplexes every connection onto its one
 * session, so there an advisory lock excludes nothing: every connection is its holder. The lock
 * checks this for real (a second connection tries the same lock) and then falls back to a lease held
 * in a session setting, which that one session shares with every connection: the holder's id, process
 * and host, and an expiry on the database's clock that the holder renews. A second engine refuses while
 * the lease is live; a lease whose process is gone from this machine (the embedded database listens on
 * loopback only) is taken over at once, any other lapses LEASE_MS after its last renewal.
 */

export interface JournalDatabase {
  url: string;
  schema: string;
}

/** Another engine holds the journal. The message is what `npm run engine` prints and /api/health shows. */
export class EngineAlreadyRunning extends Error {
  constructor(schema: string, holder: string | null) {
    super(`another engine is already running on this journal (schema ${schema}): stop it first${holder ? ` (${holder})` : ""}`);
    this.name = "EngineAlreadyRunning";
  }
}

export interface EngineLock {
  /** "advisory" on a PostgreSQL server; "lease" where all connections share one session (embedded). */
  readonly kind: "advisory" | "lease";
  /** Give the journal up (idempotent). */
  release(): Promise<void>;
}

/** How long an embedded-database lease lasts without renewal, and how often the holder renews it. */
export const LEASE_MS = 30_000;
const RENEW_MS = 10_000;

/** The advisory lock key of a schema's journal: 64 bits of FNV-1a over a fixed prefix and the schema name. */
export function engineLockKey(schema: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${fnv1a64(`perps-engine-journal:${schema}`)}`));
}

/**
 * Take the journal of `database.schema` for this engine, or throw EngineAlreadyRunning. `onLost` is
 * called once if the lock goes away while held (its connection died, or, embedded, another engine
 * took over a lease this one failed to renew): the host must stop.
 */
export async function acquireEngineLock(database: JournalDatabase, onLost: (error: Error) => void): Promise<EngineLock> {
  const key = engineLockKey(database.schema).toString();
  const name = `perps engine ${process.pid}@${os.hostname()}`;
  const client = new pg.Client({ connectionString: database.url, application_name: name, connectionTimeoutMillis: 5_000, keepAlive: true });
  let done = false;
  let lease: Lease | undefined;
  let renewal: ReturnType<typeof setInterval> | undefined;
  const finish = async (giveBack: boolean) => {
    done = true;
    clearInterval(renewal);
    if (lease) heldHere.delete(lease.holder);
    if (giveBack) await lease?.drop().catch(() => {});
    await client.end().catch(() => {});
  };
  const lost = (why: string) => {
    if (done) return;
    void finish(false);
    onLost(new Error(`lost the engine lock on the journal (schema ${database.schema}): ${why}; the engine stops rather than run beside another`));
  };
  client.on("error", (error) => lost(error.message));
  client.on("end", () => lost("its database connection closed"));
  const release = async () => {
    if (!done) await finish(true);
  };
  try {
    await client.connect();
    const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS got", [key]);
    if (!rows[0].got) throw new EngineAlreadyRunning(database.schema, await advisoryHolder(client, key));
    if (await excludesOtherConnections(database.url, key, name)) return { kind: "advisory", release };
    // Every connection is this session: the advisory lock means nothing here, so do not leave it counted.
    await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
    const held = new Lease(client, database.schema);
    await held.claim();
    lease = held;
    heldHere.add(held.holder);
    renewal = setInterval(() => {
      held
        .claim()
        .catch((error: unknown) =>
          lost(error instanceof EngineAlreadyRunning ? "another engine took over its lease" : error instanceof Error ? error.message : String(error)),
        );
    }, RENEW_MS);
    renewal.unref();
    return { kind: "lease", release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Whether a second connection is refused the lock this session holds (false when every connection is one session). */
async function excludesOtherConnections(url: string, key: string, name: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, application_name: `${name} (probe)`, connectionTimeoutMillis: 5_000 });
  probe.on("error", () => {});
  await probe.connect();
  try {
    const { rows } = await probe.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS got", [key]);
    if (rows[0].got) await probe.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
    return !rows[0].got;
  } finally {
    await probe.end().catch(() => {});
  }
}

/** Who holds the advisory lock, as its session names itself (best effort: null when it cannot be seen). */
async function advisoryHolder(client: pg.Client, key: string): Promise<string | null> {
  const unsigned = BigInt.asUintN(64, BigInt(key));
  try {
    const { rows } = await client.query<{ name: string; since: string }>(
      `SELECT a.application_name AS name, to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid = $1::oid AND l.objid = $2::oid
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [String(unsigned >> 32n), String(unsigned & 0xffffffffn)],
    );
    const row = rows[0];
    return row ? `held by ${row.name || "an unnamed database session"}, connected since ${row.since}` : null;
  } catch {
    return null;
  }
}

/** Leases this process holds now: one of this process's that is not here was left by a host that died. */
const heldHere = new Set<string>();

interface LeaseValue {
  holder: string;
  pid: number;
  host: string;
  /** Database clock, epoch ms. */
  until: number;
}

/** The embedded database's lease: a session setting every connection shares, changed by compare-and-set. */
class Lease {
  private readonly setting: string;
  readonly holder = crypto.randomUUID();
  private mine = "";

  constructor(
    private readonly client: pg.Client,
    private readonly schema: string,
  ) {
    this.setting = `perps.engine_lease_${fnv1a64(schema)}`;
  }

  /** Take or renew the lease; throws EngineAlreadyRunning while another engine's lease is live. */
  async claim(): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { rows } = await this.client.query<{ lease: string; now: string }>(
        "SELECT coalesce(current_setting($1, true), '') AS lease, (extract(epoch from clock_timestamp()) * 1000)::bigint::text AS now",
        [this.setting],
      );
      const raw = rows[0].lease;
      const now = Number(rows[0].now);
      const current = parseLease(raw);
      if (current && current.holder !== this.holder && !lapsed(current, now)) {
        throw new EngineAlreadyRunning(
          this.schema,
          `held by perps engine ${current.pid}@${current.host}; unless renewed, its lease lapses at ${new Date(current.until).toISOString()}`,
        );
      }
      const next = JSON.stringify({ holder: this.holder, pid: process.pid, host: os.hostname(), until: now + LEASE_MS } satisfies LeaseValue);
      if ((await this.compareAndSet(raw, next)) === next) {
        this.mine = next;
        return;
      }
    }
    throw new Error(`could not settle the engine lease of schema ${this.schema}: it kept changing`);
  }

  /** Clear the lease if it is still this engine's. */
  async drop(): Promise<void> {
    if (this.mine) await this.compareAndSet(this.mine, "");
    this.mine = "";
  }

  private async compareAndSet(expected: string, next: string): Promise<string> {
    const { rows } = await this.client.query<{ lease: string }>(
      "SELECT set_config($1, CASE WHEN coalesce(current_setting($1, true), '') = $2 THEN $3 ELSE coalesce(current_setting($1, true), '') END, false) AS lease",
      [this.setting, expected, next],
    );
    return rows[0].lease;
  }
}

function parseLease(raw: string): LeaseValue | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<LeaseValue>;
    if (typeof value.holder === "string" && Number.isSafeInteger(value.pid) && typeof value.host === "string" && Number.isSafeInteger(value.until))
      return value as LeaseValue;
  } catch {
    // Not ours to read: anything unreadable counts as no lease.
  }
  return null;
}

/** Expired on the database's clock, or its holder is gone (its process from this machine, or its host from this process). */
function lapsed(lease: LeaseValue, now: number): boolean {
  if (lease.until <= now) return true;
  if (lease.host !== os.hostname()) return false;
  if (lease.pid === process.pid) return !heldHere.has(lease.holder);
  try {
    process.kill(lease.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
