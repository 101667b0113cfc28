import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import { ListIncidentsInput } from "@/lib/services/incidents/schemas";

export interface IncidentListItem {
  id: string;
  market: string;
  status: string;
  steps: string[];
  startedAtMs: number;
  deadlineAt: Date;
  overdueAt: Date | null;
  publishedAt: Date | null;
}

/**
 * The compliance workspace's incidents: those whose report is not yet published first, nearest
 * deadline first (what needs doing next), then the published ones, newest first.
 */
export async function listIncidents({ ctx, input }: { ctx: ServiceContext; input?: ListIncidentsInput }): Promise<IncidentListItem[]> {
  authorize(ctx, "incidents.read");
  const { take } = parseInput(ListIncidentsInput, input);
  const select = { id: true, market: true, status: true, steps: true, openedAtMs: true, deadlineAt: true, overdueAt: true, publishedAt: true } as const;
  const [pending, published] = await Promise.all([
    ctx.db.incident.findMany({ where: { publishedAt: null }, orderBy: [{ deadlineAt: "asc" }, { id: "asc" }], take, select }),
    ctx.db.incident.findMany({ where: { publishedAt: { not: null } }, orderBy: [{ publishedAt: "desc" }, { id: "asc" }], take, select }),
  ]);
  return [...pending, ...published].slice(0, take).map(({ openedAtMs, steps, ...row }) => ({
    ...row,
    steps: Array.isArray(steps) ? steps.map(String) : [],
    startedAtMs: Number(openedAtMs),
  }));
}
