import { env } from "../lib/env";
import { simulationFactory } from "../lib/simulation/factory";
import { requireMarketApprovals } from "../lib/services/risk-governance/startup";
import { startEngineRuntime } from "../lib/simulation/runtime";
import { formatCliError } from "./cli-error";
import { applyMigrations } from "./db/migrations";

/**
 * `npm run engine`: the standalone engine for multi-instance deployments (ENGINE_MODE=engine is
 * implied). It journals to DATABASE_URL, publishes every batch on Redis (REDIS_URL) for any number of
 * web instances started with ENGINE_MODE=remote, and takes their commands on 127.0.0.1:ENGINE_PORT.
 */
process.env.ENGINE_MODE = "engine";
try {
  const config = env();
  if (!config.DATABASE_URL) throw new Error("DATABASE_URL is required for the standalone engine (web instances must share its database)");
  const applied = await applyMigrations({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  if (applied.length) console.log(`[engine] applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const runtime = await startEngineRuntime(simulationFactory, { beforeOpen: (prisma) => requireMarketApprovals(prisma) });
  console.log(`[engine] ready: commands on http://127.0.0.1:${config.ENGINE_PORT}, events on ${config.REDIS_URL}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runtime.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
