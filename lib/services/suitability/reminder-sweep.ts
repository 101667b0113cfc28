import "server-only";
import { db } from "@/lib/db";
import { sendExpiryReminders } from "@/lib/services/suitability/reminders";
import { sweepExpiredThrottles } from "@/lib/services/auth/throttle";

const SWEEP_EVERY_MS = 10 * 60_000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the PI-8 reminder sweep in each server process; duplicates are harmless (see
 * sendExpiryReminders). The same timer forgets sign-in throttle rows that no longer count.
 */
export function startReminderSweep(): void {
  if (timer) return;
  const sweep = () =>
    Promise.all([
      sendExpiryReminders({ db: db(), now: () => new Date() }).catch((error: unknown) => {
        console.error(`[reminders] expiry reminder sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      }),
      sweepExpiredThrottles(db(), new Date()).catch((error: unknown) => {
        console.error(`[auth] sign-in throttle sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      }),
    ]);
  setTimeout(() => void sweep(), 5_000).unref();
  timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();
}

/**
 * Demo mode: onboard the demo client through the real services before the first request, so the demo
 * trades at once. Here rather than in prisma/seed.ts because the services are server-only modules.
 */
export async function seedDemoOnboarding(): Promise<void> {
  const { ensureDemoOnboarding } = await import("@/lib/services/suitability/demo-onboarding");
  try {
    const outcome = await ensureDemoOnboarding(db());
    if (outcome === "created") console.log("[portal] onboarded the demo client (approved by the demo compliance officer)");
  } catch (error) {
    console.error(`[portal] could not onboard the demo client: ${error instanceof Error ? error.message : String(error)}`);
  }
}
