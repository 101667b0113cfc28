// Entry of the worker thread that proves an archived journal segment (prove.ts). Workers start from a
// file on disk, outside Next's server bundle, so the TypeScript they run is compiled by tsx, which the
// portal already runs on (as the stress suite's worker).
import { tsImport } from "tsx/esm/api";

await tsImport("./prove-worker.ts", import.meta.url);
