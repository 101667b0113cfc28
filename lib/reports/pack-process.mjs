// Entry of the child process that generates one report pack (pack-in-process.ts). It runs from source,
// outside Next's server bundle, compiled by tsx (which the portal already runs on). The builders import
// services marked `server-only`; this process is a server, so that guard resolves to an empty module.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,export%20%7B%7D%3B", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const { tsImport } = await import("tsx/esm/api");
await tsImport("./pack-process.ts", import.meta.url);
