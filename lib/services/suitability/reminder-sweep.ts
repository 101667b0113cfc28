import "server-only";
import { db } from "@/lib/db";
import { sendExpiryReminders } from "@/lib/services/suitability/send-expiry-reminders";
import { sweepOrphanedEvidence } from "@/lib/services/suitability/sweep-orphaned-evidence";
import { sweepExpiredThrottles } from "@/lib/services/auth/throttle";

const SWEEP_EVERY_MS = 10 * 60_000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * The periodic jobs of each server process: PI-8 expiry reminders, the deletion of orphaned evidence
 * documents, and forgetting sign-in throttle rows that no longer count. Running them on several
 * servers at once is harmless (see each job).
 */
export function startPeriodicSweeps(): void {
  if (timer) return;
  type SweepContext = { db: ReturnType<typeof db>; now: () => Date };
  const sweeps = [
    { name: "expiry reminder", run: (ctx: SweepContext) => sendExpiryReminders({ ctx }) },
    { name: "orphaned evidence", run: (ctx: SweepContext) => sweepOrphanedEvidence({ ctx }) },
    { name: "sign-in throttle", run: (ctx: SweepContext) => sweepExpiredThrottles(ctx.db, ctx.now()) },
  ];
  const sweep = async () => {
    for (const { name, run } of sweeps)
      await run({ db: db(), now: () => new Date() }).catch((error: unknown) => {
        console.error(`[sweeps] ${name} sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  setTimeout(() => void sweep(), 5_000).unref();
  timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();
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
