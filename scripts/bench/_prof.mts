import { loadWorkload } from "/work/main/scripts/bench/workload.ts";
import * as B from "/work/main/scripts/bench/engine.ts";
import { runCascadeBench } from "/work/main/scripts/bench/engine.ts";
const mode = process.argv[2];
if (mode === "cascade") {
  console.log(JSON.stringify(await runCascadeBench({ runs: 1, peerRuns: 0, argv: [], gc: () => {}, log: console.error })));
} else {
  console.log(JSON.stringify(await B.runEngineWorkloadBench({ runs: 1, peerRuns: 1, argv: [], gc: () => {}, log: console.error })));
}
