/**
 * Simulation benchmark:
 *
 * - simulation.headless-24h: speed-up factor of a headless 24 h run (seed 42, 1 s steps, default
 *   agent population: engine + simulator + event recording, exactly what `npm run simulate` does),
 *   simulated time / wall time, median over `opts.runs` runs. Peer = 1 (real time); ratio = speed-up.
 *   Target ≥ 1,000× real time. `extra` reports the market's liveliness (trades per hour, liquidations)
 *   so a faster number cannot come from a quieter market unnoticed.
 *
 *   --sim-hours H   simulate H hours instead of 24 (quick checks)
 */
import { runHeadless } from "../../lib/simulation/market/index";
import type { BenchOptions, BenchResult } from "../bench";

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

export async function runSimulationBench(opts: BenchOptions): Promise<BenchResult[]> {
  const i = opts.argv.indexOf("--sim-hours");
  const hours = i >= 0 ? Number(opts.argv[i + 1]) : 24;
  if (!(hours > 0)) throw new Error("--sim-hours must be > 0");
  const runs = Math.max(1, opts.runs);
  const speeds: number[] = [];
  let last: ReturnType<typeof runHeadless> | null = null;
  let wall = 0;
  for (let r = 0; r < runs; r++) {
    opts.gc();
    const t0 = performance.now();
    last = runHeadless({ seed: 42, durationMs: Math.round(hours * 3_600_000) });
    wall = performance.now() - t0;
    speeds.push((hours * 3_600_000) / wall);
    opts.log(`simulation.headless: run ${r + 1}/${runs} ${hours} h in ${(wall / 1_000).toFixed(1)} s (${Math.round(speeds[r])}x)`);
  }
  const s = last!.summary;
  const ours = Math.round(median(speeds));
  return [
    {
      bench: hours === 24 ? "simulation.headless-24h" : `simulation.headless-${hours}h`,
      unit: "x real time",
      ours,
      peer: 1,
      ratio: ours,
      target: ">= 1,000x real time",
      extra: {
        simulatedHours: hours,
        lastWallMs: Math.round(wall),
        trades: s.trades,
        tradesPerHour: s.tradesPerHour,
        commands: s.commands,
        liquidations: s.liquidations.started,
        adlEvents: s.adl.events,
        finalStateHash: last!.finalStateHash,
      },
    },
  ];
}
