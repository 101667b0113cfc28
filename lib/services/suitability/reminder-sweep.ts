import "server-only";
import { db } from "@/lib/db";
import { sendExpiryReminders } from "@/lib/services/suitability/send-expiry-reminders";
import { sweepOrphanedEvidence } from "@/lib/services/suitability/sweep-orphaned-evidence";
import { sweepExpiredThrottles } from "@/lib/services/auth/throttle";

export const SWEEP_EVERY_MS = 10 * 60_000;

type SweepContext = { db: ReturnType<typeof db>; now: () => Date };

const SWEEPS = [
  { name: "expiry reminder", run: (ctx: SweepContext) => sendExpiryReminders({ ctx }) },
  { name: "orphaned evidence", run: (ctx: SweepContext) => sweepOrphanedEvidence({ ctx }) },
  { name: "sign-in throttle", run: (ctx: SweepContext) => sweepExpiredThrottles(ctx.db, ctx.now()) },
];

/**
 * The periodic sweeps, every SWEEP_EVERY_MS as a recurring job (lib/jobs/registry.ts): PI-8 expiry
 * reminders, the deletion of orphaned evidence documents, and forgetting sign-in throttle rows that
 * no longer count. One failing does not stop the others. The job queue runs them on one server at a
 * time; running them on several at once would still be harmless (see each job).
 */
export async function runPeriodicSweeps(ctx: SweepContext): Promise<void> {
  for (const { name, run } of SWEEPS)
    await run(ctx).catch((error: unknown) => {
      console.error(`[sweeps] ${name} sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    });
}

/**
 * Demo mode: onboard the demo client through the real services before the first request, so the demo
 * trades at once. Here rather than in prisma/seed.ts because the services are server-only modules.
 */
export async function seedDemoOnboarding(): Promise<void> {
  const { ensureDemoOnboarding } = await import("@/lib/services/suitability/ensure-demo-onboarding");
  try {
    const outcome = await ensureDemoOnboarding({ ctx: { db: db(), now: () => new Date() } });
    if (outcome === "created") console.log("[portal] onboarded the demo client (approved by the demo compliance officer)");
  } catch (error) {
    console.error(`[portal] could not onboard the demo client: ${error instanceof Error ? error.message : String(error)}`);
  }
}
