import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { jobsSchemaFor } from "../../lib/jobs/schema";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

/**
 * Prisma's own schema engine, compiled to WebAssembly, doing the jobs `prisma migrate deploy` and
 * `prisma migrate diff` do. The stock CLI downloads a native engine on every run and cannot here, so
 * we drive the same engine through the pg driver adapter. Because it is the same engine, the
 * migration files and the `_prisma_migrations` table stay exactly what the stock CLI reads and writes.
 */

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(REPO_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma/migrations");

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface DatabaseTarget {
  url: string;
  /** PostgreSQL schema holding the tables (and `_prisma_migrations`). */
  schema: string;
}

type WasmModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let wasmReady: Promise<WasmModule> | undefined;

function loadWasm(): Promise<WasmModule> {
  wasmReady ??= (async () => {
    // The engine reports a Rust panic through this global before it throws; keep the message.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        console.error(`schema engine panic: ${message}`);
      },
    };
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // The package exports only its JS entry points; the .wasm sits beside them.
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = fs.readFileSync(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return wasmReady;
}

/** A connection URL whose sessions resolve unqualified names in `schema` (migration SQL is unqualified). */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

async function withEngine<T>(target: DatabaseTarget, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadWasm();
  const schemaText = fs.readFileSync(SCHEMA_PATH, "utf8");
  const factory = new ShadowingAdapterFactory(target);
  const engine = await bg.SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await factory.cleanUp();
  }
}

/** The migrations folder in the shape the engine takes (the same folder `prisma migrate deploy` reads). */
export function readMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `missing ${path.relative(REPO_ROOT, file)}` },
        },
      };
    }),
  };
}

export async function ensureSchema(target: DatabaseTarget): Promise<void> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  } finally {
    await client.end();
  }
}

/** Drops the portal's schema and its job queue's (lib/jobs/schema.ts). */
export async function dropSchema(target: DatabaseTarget): Promise<void> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${jobsSchemaFor(target.schema)}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Apply pending migrations in order; returns the names applied now (empty when up to date). */
export async function applyMigrations(target: DatabaseTarget): Promise<string[]> {
  await ensureSchema(target);
  const result = await withEngine(target, (engine) => engine.applyMigrations({ migrationsList: readMigrationList(), filters: NO_FILTERS }));
  return result.appliedMigrationNames;
}

/**
 * SQL that takes a database migrated to the latest migration to what schema.prisma describes.
 * Empty when the two agree. This is `prisma migrate diff --from-migrations --to-schema`.
 */
export async function diffMigrationsToSchema(scratch: DatabaseTarget, schemaText = fs.readFileSync(SCHEMA_PATH, "utf8")): Promise<string> {
  // The datamodel's tables live in the connection's schema; the shadow replays migrations into
  // "public", so the main connection must say "public" too or every table would look moved.
  // Nothing is written through it.
  return withEngine({ url: scratch.url, schema: "public" }, async (engine) => {
    const migrations = readMigrationList();
    const result = await engine.diff({
      // With no migration yet the starting point is an empty database.
      from: migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return normaliseScript(result.stdout ?? "");
  });
}

/**
 * The engine replays migrations in a shadow database to know what they produce. The stock adapter
 * creates one with CREATE DATABASE, which PGlite cannot serve, and a throwaway schema would not do
 * (the engine compares namespaces, so tables must sit in "public"). A fresh in-memory PGlite is a
 * real, empty PostgreSQL on both the embedded default and a PostgreSQL server, so we use that.
 */
class ShadowingAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  private readonly shadows: EmbeddedPostgres[] = [];
  private readonly pools: pg.Pool[] = [];

  constructor(private readonly main: DatabaseTarget) {}

  connect() {
    return this.adapter(this.main).connect();
  }

  async connectToShadowDb() {
    const shadow = await startEmbeddedPostgres({ port: await freePort() });
    this.shadows.push(shadow);
    return this.adapter({ url: shadow.url, schema: "public" }).connect();
  }

  /**
   * Closes the engine's connections at once. The engine takes Prisma's migration lock, a session
   * advisory lock with one fixed key for the whole database (pg_advisory_lock(72707369)), and never
   * unlocks it: it goes with the session. Left to the pool's idle timeout (10 s) the session would
   * keep every other migration on that database waiting, and the engine gives up waiting after 10 s.
   */
  async cleanUp() {
    for (const pool of this.pools.splice(0)) if (!pool.ended && !pool.ending) await pool.end().catch(() => {});
    for (const shadow of this.shadows.splice(0)) await shadow.stop();
  }

  private adapter(target: DatabaseTarget) {
    const { pool, connect } = adapterFor(target);
    this.pools.push(pool);
    return { connect };
  }
}

function adapterFor(target: DatabaseTarget) {
  const pool = new pg.Pool({ connectionString: withSearchPath(target.url, target.schema), max: 2 });
  patchCharColumns(pool);
  const factory = new PrismaPg(pool, { schema: target.schema, disposeExternalPool: true });
  return {
    pool,
    async connect() {
      const adapter = await factory.connect();
      // The stock adapter splits a migration script on every ";", which cuts a statement that
      // contains one (a PL/pgSQL function body, such as the audit log's append-only trigger). The
      // native engine behind `prisma migrate deploy` sends the script whole; so do we, as one
      // simple-protocol query that PostgreSQL runs statement by statement. Errors are converted the
      // way the adapter converts its own (onError).
      const withErrors = adapter as unknown as { onError(error: unknown): never };
      adapter.executeScript = async (script) => {
        await pool.query(script).catch((error: unknown) => withErrors.onError(error));
      };
      const queryRaw = adapter.queryRaw.bind(adapter);
      adapter.queryRaw = async (query) => {
        const result = await queryRaw(query);
        for (const index of charColumnsOf.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
        return result;
      };
      return adapter;
    },
  };
}

/** Result rows (by identity) whose columns at these indexes were PostgreSQL `"char"`. */
const charColumnsOf = new WeakMap<unknown[], number[]>();

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine's catalogue queries return PostgreSQL's one-byte `"char"` columns (pg_constraint.contype
 * and friends), which the pg driver adapter does not map, so describing any non-empty schema fails
 * with "Column type 'char' could not be deserialized". Their text form is an ordinary one-character
 * string: relabel them as text so the adapter accepts the result, remember which columns they were,
 * and report them to the engine as the Character type it reads them as (see adapterFor).
 */
function patchCharColumns(pool: pg.Pool): void {
  const relabel = (result: pg.QueryResult) => {
    const charColumns: number[] = [];
    (result.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(index);
    });
    if (charColumns.length && Array.isArray(result.rows)) charColumnsOf.set(result.rows, charColumns);
    return result;
  };
  const patchQueryable = (target: { query: (...args: never[]) => unknown }) => {
    const original = target.query.bind(target) as (...args: unknown[]) => unknown;
    target.query = (...args: unknown[]) => {
      const pending = original(...args);
      return pending instanceof Promise ? pending.then(relabel) : pending;
    };
  };
  patchQueryable(pool);
  // pg's own Pool.query calls connect with a callback, so both call styles must keep working.
  const connect = pool.connect.bind(pool) as (
    callback?: (err: Error | undefined, client?: pg.PoolClient, done?: unknown) => void,
  ) => Promise<pg.PoolClient> | void;
  const patchClient = (client: pg.PoolClient | undefined) => {
    const marked = client as unknown as { __charPatched?: boolean; query: (...args: never[]) => unknown } | undefined;
    if (marked && !marked.__charPatched) {
      patchQueryable(marked);
      marked.__charPatched = true;
    }
    return client;
  };
  (pool as unknown as { connect: typeof connect }).connect = (callback) => {
    if (callback) return connect((err, client, done) => callback(err, patchClient(client), done));
    return (connect() as Promise<pg.PoolClient>).then((client) => patchClient(client) as pg.PoolClient);
  };
}

/** The engine prints a comment when there is nothing to do; treat that as empty. */
function normaliseScript(script: string): string {
  const meaningful = script
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("--"))
    .join("\n");
  return meaningful.trim() === "" ? "" : script.trim() + "\n";
}
