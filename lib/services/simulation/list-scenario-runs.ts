import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";

export interface ScenarioRunDto {
  id: string;
  kind: string;
  input: unknown;
  requestedBy: string | null;
  startedAtMs: number;
  endedAtMs: number | null;
  outcome: unknown;
}

/** Recorded scenario runs, newest first, with their outcomes as the simulation measured them. */
export async function listScenarioRuns({ ctx }: { ctx: ServiceContext }): Promise<ScenarioRunDto[]> {
  authorize(ctx, "simulation.scenarios.read");
  const rows = await ctx.db.scenarioRun.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    input: JSON.parse(row.input),
    requestedBy: row.requestedBy,
    startedAtMs: Number(row.startedAtMs),
    endedAtMs: row.endedAtMs === null ? null : Number(row.endedAtMs),
    outcome: row.outcome ? JSON.parse(row.outcome) : null,
  }));
}
