import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { bytesPer, DAY_MS, directorySize, growthFlags, latencySummary, perSimulatedDay, projectSteadyGrowth } from "./growth-stats";

describe("journal-growth bench helpers (REC-1, REC-2)", () => {
  test("flags: --growth-days is fractional (default 0.02), --growth-db embedded|postgres|both (default both), archiving on unless turned off, --growth-bulk a whole number of commands", () => {
    expect(growthFlags([])).toEqual({ days: 0.02, database: "both", hotHours: null, archive: true, bulkCommands: null });
    expect(growthFlags(["--only", "journal-growth", "--growth-days", "0.05", "--growth-db", "embedded"])).toEqual({
      days: 0.05,
      database: "embedded",
      hotHours: null,
      archive: true,
      bulkCommands: null,
    });
    expect(growthFlags(["--growth-db", "postgres", "--growth-days", "3", "--growth-hot-hours", "0.5", "--growth-archive", "off"])).toEqual({
      days: 3,
      database: "postgres",
      hotHours: 0.5,
      archive: false,
      bulkCommands: null,
    });
    expect(growthFlags(["--growth-bulk", "5000"]).bulkCommands).toBe(5_000);
    for (const bad of ["0", "2.5", "50001", "lots"])
      expect(() => growthFlags(["--growth-bulk", bad]), bad).toThrow(/whole number of commands per transaction from 1 to 50000/);
    expect(() => growthFlags(["--growth-hot-hours", "0"])).toThrow(/above 0/);
    expect(() => growthFlags(["--growth-archive", "maybe"])).toThrow(/on or off/);
    expect(() => growthFlags(["--growth-days", "0"])).toThrow(/above 0/);
    expect(() => growthFlags(["--growth-days", "-1"])).toThrow(/above 0/);
    expect(() => growthFlags(["--growth-days", "a day"])).toThrow(/above 0/);
    expect(() => growthFlags(["--growth-days"])).toThrow(/needs a value/);
    expect(() => growthFlags(["--growth-days", "--json"])).toThrow(/needs a value/);
    expect(() => growthFlags(["--growth-db", "sqlite"])).toThrow(/embedded, postgres or both/);
  });

  test("a run's count extrapolates linearly to one simulated day", () => {
    expect(perSimulatedDay(1_000, DAY_MS / 4)).toBe(4_000);
    expect(perSimulatedDay(3_100, 60_000)).toBe(3_100 * 1_440);
    expect(() => perSimulatedDay(1, 0)).toThrow(/above 0/);
  });

  test("bytes per row is NaN, not 0 or Infinity, when there are no rows", () => {
    expect(bytesPer(8_660, 10)).toBe(866);
    expect(bytesPer(8_192, 0)).toBeNaN();
  });

  test("latency summary: median p50 and nearest-rank p99 (the worst of fewer than 100 calls)", () => {
    const samples = Array.from({ length: 60 }, (_, i) => i + 1);
    expect(latencySummary(samples)).toEqual({ samples: 60, p50: 30.5, p99: 60, max: 60 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencySummary(hundred).p99).toBe(99);
    const empty = latencySummary([]);
    expect(empty.samples).toBe(0);
    expect(empty.p99).toBeNaN();
  });

  describe("directory size", () => {
    const made: string[] = [];
    afterEach(() => {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });
    const tempDir = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "growth-stats-"));
      made.push(dir);
      return dir;
    };

    test("sums every file below the folder, nested folders included", () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, "a"), Buffer.alloc(100));
      fs.mkdirSync(path.join(dir, "base", "16384"), { recursive: true });
      fs.writeFileSync(path.join(dir, "base", "16384", "1259"), Buffer.alloc(8_192));
      fs.mkdirSync(path.join(dir, "pg_wal"));
      fs.writeFileSync(path.join(dir, "pg_wal", "000000010000000000000001"), Buffer.alloc(1_000));
      fs.mkdirSync(path.join(dir, "empty"));
      expect(directorySize(dir)).toBe(100 + 8_192 + 1_000);
      expect(directorySize(path.join(dir, "pg_wal"))).toBe(1_000);
    });

    test("a missing folder is 0 and a file is its own size", () => {
      const dir = tempDir();
      expect(directorySize(path.join(dir, "nope"))).toBe(0);
      fs.writeFileSync(path.join(dir, "f"), "12345");
      expect(directorySize(path.join(dir, "f"))).toBe(5);
    });

    test("symbolic links are not followed, so a link out of the folder adds nothing", () => {
      const outside = tempDir();
      fs.writeFileSync(path.join(outside, "big"), Buffer.alloc(50_000));
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, "own"), Buffer.alloc(10));
      fs.symlinkSync(outside, path.join(dir, "to-outside"));
      fs.symlinkSync(path.join(outside, "big"), path.join(dir, "to-big"));
      expect(directorySize(dir)).toBe(10);
    });
  });

  test("steady-state projection: the largest bounded part, plus the growing part at the end and its growth per day for the days not run", () => {
    const MB = 1_000_000;
    // Tables fill for 8 h (100 MB an hour), then hold at 800 MB ± 10; the WAL checkpoints from 300 MB down to
    // 130 MB at hour 10; the rest grows 1 MB an hour from 20 MB.
    const samples = Array.from({ length: 26 }, (_, hour) => {
      const tables = hour <= 8 ? hour * 100 * MB : 800 * MB + (hour % 2 === 0 ? 10 * MB : -10 * MB);
      const wal = hour >= 6 && hour < 10 ? 300 * MB : 130 * MB;
      const rest = 20 * MB + hour * MB;
      return { hour, bytes: tables + wal + rest, boundedBytes: tables + wal };
    });
    const projection = projectSteadyGrowth(samples, 8, 30)!;
    expect(projection.steadyHours).toBe(17);
    // The checkpoint's drop does not read as shrinkage: only the growing part is fitted.
    expect(projection.bytesPerDay / MB).toBeCloseTo(24, 6);
    // Hour 8: the tables full at 800 MB while the WAL is at 300 MB.
    expect(projection.boundedBytes / MB).toBe(800 + 300);
    // 1,100 MB bounded + 45 MB growing at hour 25 + 24 MB a day for 30 days less the 25 hours run.
    expect(projection.projectedBytes / MB).toBeCloseTo(1_100 + 45 + (30 - 25 / 24) * 24, 6);
    expect(projectSteadyGrowth(samples, 20, 30), "five steady hours say too little").toBeNull();
    expect(projectSteadyGrowth([], 0, 30)).toBeNull();
    // A growing part that shrinks does not project below what was seen.
    const shrinking = samples.map((sample) => ({ ...sample, bytes: sample.boundedBytes + 100 * MB - sample.hour * MB }));
    const flat = projectSteadyGrowth(shrinking, 8, 30)!;
    expect(flat.projectedBytes / MB).toBeCloseTo(1_100 + 75, 6);
  });
});
