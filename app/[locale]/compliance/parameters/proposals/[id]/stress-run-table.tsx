import { getTranslations } from "next-intl/server";
import { formatUtc } from "@/lib/format";

/** The stored run, as the proposal's service returns it. */
export interface StressRun {
  status: string;
  suiteVersion: string;
  seed: number;
  startedAt: Date;
  finishedAt: Date | null;
  failure: string | null;
  results: unknown;
}

const text = (value: unknown): string =>
  typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean"
    ? String(value)
    : (JSON.stringify(value) ?? "—");

/**
 * The stress suite's run for a proposal, as stored: its status, and per scenario each figure it
 * recorded. A generic table, so it reads whatever figures the suite's version records.
 */
export async function StressRunTable({ run }: { run: StressRun }) {
  const t = await getTranslations("compliance.parameters.governance.detail.stress");
  const scenarios = scenarioRows(run.results);
  const columns = [...new Set(scenarios.flatMap((row) => Object.keys(row.figures)))];
  return (
    <div data-testid="stress-run">
      <p>{t("summary", { status: run.status, version: run.suiteVersion, seed: run.seed, at: formatUtc((run.finishedAt ?? run.startedAt).getTime()) })}</p>
      {run.failure ? <p>{run.failure}</p> : null}
      {scenarios.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("scenario")}</th>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scenarios.map((row) => (
                <tr key={row.name}>
                  <td>{row.name}</td>
                  {columns.map((column) => (
                    <td key={column}>{row.figures[column] ?? "—"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Results as [{ name, figures }]: an array of scenario objects or an object keyed by scenario; nested values as text. */
function scenarioRows(results: unknown): Array<{ name: string; figures: Record<string, string> }> {
  const list: unknown[] = Array.isArray(results)
    ? results
    : results && typeof results === "object"
      ? Array.isArray((results as { scenarios?: unknown }).scenarios)
        ? ((results as { scenarios: unknown[] }).scenarios ?? [])
        : Object.entries(results as Record<string, unknown>).map(([name, value]) => ({ name, ...(value && typeof value === "object" ? value : { value }) }))
      : [];
  return list.flatMap((item, index) => {
    if (!item || typeof item !== "object") return [];
    const record = item as Record<string, unknown>;
    const name = text(record.name ?? record.scenario ?? record.id ?? index + 1);
    const figures: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === "name" || key === "scenario" || key === "id") continue;
      figures[key] = text(value);
    }
    return [{ name, figures }];
  });
}
