// Entry of the worker thread that runs the standard stress suite (run-in-worker.ts). Workers start
// from a file on disk, outside Next's server bundle, so the TypeScript they run (the same suite the
// tests run) is compiled by tsx, which the portal already runs on.
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
