import fs from "node:fs";
import path from "node:path";
import { median, percentile } from "./page-stats";

/**
 * Helpers of the journal-growth bench (scripts/bench/journal-growth.ts): its flags, the
 * extrapolation to a simulated day, the latency summary and the size of a data folder. Kept apart
 * from the bench so they are unit-tested without a database.
 */

export const DAY_MS = 86_400_000;

export type GrowthDatabase = "embedded" | "postgres" | "both";

export interface GrowthFlags {
  /** Simulated days to run (fractional). */
  days: number;
  database: GrowthDatabase;
  /** The hot window the archiver keeps, hours (null: the portal's JOURNAL_HOT_HOURS). */
  hotHours: number | null;
  /** Run the journal archiver every simulated hour, as the portal's job does. */
  archive: boolean;
  /** Commands written per transaction (bulk-journal.ts); null: one transaction per step, as the portal writes. */
  bulkCommands: number | null;
}

/** `--growth-days D` (fractional, > 0; default 0.02 ≈ 29 simulated minutes) and `--growth-db embedded|postgres|both` (default both). */
export function growthFlags(argv: readonly string[]): GrowthFlags {
  const days = valueOf(argv, "--growth-days");
  const database = valueOf(argv, "--growth-db") ?? "both";
  const parsedDays = days === undefined ? 0.02 : Number(days);
  if (!Number.isFinite(parsedDays) || parsedDays <= 0) throw new Error(`--growth-days must be a number of days above 0, got ${days}`);
  if (database !== "embedded" && database !== "postgres" && database !== "both") {
    throw new Error(`--growth-db must be embedded, postgres or both, got ${database}`);
  }
  const hot = valueOf(argv, "--growth-hot-hours");
  const hotHours = hot === undefined ? null : Number(hot);
  if (hotHours !== null && (!Number.isFinite(hotHours) || hotHours <= 0)) throw new Error(`--growth-hot-hours must be a number of hours above 0, got ${hot}`);
  const archive = valueOf(argv, "--growth-archive") ?? "on";
  if (archive !== "on" && archive !== "off") throw new Error(`--growth-archive must be on or off, got ${archive}`);
  const bulk = valueOf(argv, "--growth-bulk");
  const bulkCommands = bulk === undefined ? null : Number(bulk);
  if (bulkCommands !== null && (!Number.isInteger(bulkCommands) || bulkCommands < 1 || bulkCommands > 50_000)) {
    throw new Error(`--growth-bulk must be a whole number of commands per transaction from 1 to 50000, got ${bulk}`);
  }
  return { days: parsedDays, database, hotHours, archive: archive === "on", bulkCommands };
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

/** A count over a run of `simulatedMs`, scaled to one simulated day. */
export function perSimulatedDay(count: number, simulatedMs: number): number {
  if (!(simulatedMs > 0)) throw new Error(`simulated time must be above 0 ms, got ${simulatedMs}`);
  return (count * DAY_MS) / simulatedMs;
}

/** Bytes per row, or NaN when there are no rows (a figure that must not read as zero). */
export function bytesPer(bytes: number, rows: number): number {
  return rows > 0 ? bytes / rows : Number.NaN;
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50 (the median) and nearest-rank p99 of latency samples. */
export function latencySummary(samples: readonly number[]): LatencySummary {
  return { samples: samples.length, p50: median(samples), p99: percentile(samples, 99), max: samples.length ? Math.max(...samples) : Number.NaN };
}

/**
 * Bytes of every regular file under `dir`, recursively (apparent sizes, as `du --apparent-size -b`
 * counts them). Symbolic links are counted as links, never followed, so a link out of the folder
 * cannot inflate the figure; a missing folder is 0.
 */
export function directorySize(dir: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) total += fs.lstatSync(full).size;
  }
  return total;
}

export interface FolderSample {
  /** Simulated hours since the run began. */
  hour: number;
  /** The whole data folder. */
  bytes: number;
  /**
   * The parts bounded by design: the hot journal tables (an hour archived and dropped for each hour
   * journaled once the window is full) and pg_wal (checkpointed at a threshold).
   */
  boundedBytes: number;
}

/**
 * Where a data folder is heading once the hot window is full. From `steadyFromHour` on, the bounded
 * parts only swing (a WAL's worth between checkpoints, the tables with the market's activity) while
 * the rest (archive segments, rollups, the few event kinds kept in the tables) grows. The projection is
 * the largest bounded part seen, plus the growing part at the last sample, plus that part's growth per
 * day (least-squares slope over the steady samples) for the days not run. Fitting the whole folder
 * instead would let one checkpoint's drop of the WAL read as shrinkage. Null when fewer than six
 * simulated hours of steady state were sampled: a slope over less says little.
 */
export function projectSteadyGrowth(
  samples: FolderSample[],
  steadyFromHour: number,
  targetDays: number,
): { bytesPerDay: number; projectedBytes: number; steadyHours: number; boundedBytes: number } | null {
  const steady = samples.filter((sample) => sample.hour >= steadyFromHour);
  if (steady.length < 2) return null;
  const steadyHours = steady[steady.length - 1].hour - steady[0].hour;
  if (steadyHours < 6) return null;
  const growing = steady.map((sample) => ({ hour: sample.hour, bytes: sample.bytes - sample.boundedBytes }));
  const meanHour = growing.reduce((sum, sample) => sum + sample.hour, 0) / growing.length;
  const meanBytes = growing.reduce((sum, sample) => sum + sample.bytes, 0) / growing.length;
  let covariance = 0;
  let variance = 0;
  for (const sample of growing) {
    covariance += (sample.hour - meanHour) * (sample.bytes - meanBytes);
    variance += (sample.hour - meanHour) ** 2;
  }
  const bytesPerDay = (covariance / variance) * 24;
  const last = growing[growing.length - 1];
  const daysLeft = Math.max(0, targetDays - last.hour / 24);
  const boundedBytes = Math.max(...steady.map((sample) => sample.boundedBytes));
  return { bytesPerDay, projectedBytes: boundedBytes + last.bytes + Math.max(0, bytesPerDay) * daysLeft, steadyHours, boundedBytes };
}
