// Once per server process: seeds the demo onboarding, starts the job queue (lib/jobs: the sweeps, the
// signed audit checkpoints, the notice e-mail outbox, each running on one server at a time across
// instances), and the market engine inside the web server (ENGINE_MODE=in-process, the default) or
// the Redis follower (ENGINE_MODE=remote). NEXT_RUNTIME and NEXT_PHASE are Next's own; nothing starts
// during `next build`.
export async function register() {
  // eslint-disable-next-line no-process-env -- Next sets these; lib/env.ts does not own them
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  const { seedDemoOnboarding } = await import("@/lib/services/suitability/reminder-sweep");
  await seedDemoOnboarding();
  const { startJobs } = await import("@/lib/jobs");
  startJobs();
  const { checkpointOnExit } = await import("@/lib/audit/checkpoint-sweep");
  checkpointOnExit();
  const mode = env().ENGINE_MODE;
  if (mode === "off" || mode === "engine") return;
  const { startEngineRuntime } = await import("@/lib/simulation/runtime");
  const { simulationFactory } = await import("@/lib/simulation/factory");
  // AFMM-4, AFMM-9: AFMM order entry is set from its gates before the simulation's first step.
  const { syncAfmmOrderEntryAtStart } = await import("@/lib/services/afmm/sync-order-entry");
  // MRG-5: in production mode no market goes live without a current approval record.
  const { requireMarketApprovals } = await import("@/lib/services/risk-governance/startup");
  await startEngineRuntime(simulationFactory, { beforeStart: syncAfmmOrderEntryAtStart, beforeOpen: (prisma) => requireMarketApprovals(prisma) }).catch(
    (error) => {
      // The portal still serves its static and database pages; health reports the engine as down.
      console.error(`[engine] failed to start: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
}
