/**
 * Stress-suite benchmark: wall time of the standard stress suite (four scenarios, each a 30-minute
 * warm-up plus the stress) for BTC-PERP under the default parameters, median over `opts.runs` runs.
 * The job runs one market at a time in a worker; the target keeps a proposal's results seconds away.
 */
import { DEFAULT_ENGINE_CONFIG_INPUT } from "../../lib/engine/index";
import { runStressSuite, STRESS_SUITE_DEFAULT_SEED } from "../../lib/risk/stress-suite";
import type { BenchOptions, BenchResult } from "../bench";

export async function runStressBench(opts: BenchOptions): Promise<BenchResult[]> {
  const runs = Math.max(1, opts.runs);
  const walls: number[] = [];
  for (let r = 0; r < runs; r++) {
    opts.gc();
    const t0 = performance.now();
    runStressSuite({ configInput: DEFAULT_ENGINE_CONFIG_INPUT, market: "BTC-PERP", seed: STRESS_SUITE_DEFAULT_SEED });
    walls.push(performance.now() - t0);
    opts.log(`stress: run ${r + 1}/${runs} in ${(walls[r] / 1_000).toFixed(1)} s`);
  }
  const ours = Math.round([...walls].sort((a, b) => a - b)[(walls.length - 1) >> 1]);
  return [{ bench: "stress.suite-btc", unit: "ms", ours, peer: null, ratio: null, target: "<= 10,000 ms", met: ours <= 10_000 }];
}
