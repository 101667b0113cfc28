/**
 * Work the portal's server process finishes before it exits on SIGTERM or SIGINT: scripts/serve.mjs
 * runs these hooks (for at most a few seconds) after it stops taking requests. Kept on globalThis
 * under a registered symbol because serve.mjs is plain JavaScript outside Next's module graph.
 */
const HOOKS = Symbol.for("portal.beforeExit");

type Hook = () => Promise<unknown>;

export function beforeExit(hook: Hook): void {
  const holder = globalThis as typeof globalThis & { [HOOKS]?: Hook[] };
  (holder[HOOKS] ??= []).push(hook);
}
