// Entry of the worker thread that recomputes historical engine state (state-at-queue.ts). Workers
// are started from a file on disk, outside Next's server bundle, so the TypeScript they run (the
// same engine and journal code the host uses) is compiled by tsx, which the portal already runs on.
import { tsImport } from "tsx/esm/api";

await tsImport("./state-at-worker.ts", import.meta.url);
