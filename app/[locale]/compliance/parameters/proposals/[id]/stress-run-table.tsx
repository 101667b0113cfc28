import { getTranslations } from "next-intl/server";
import { StressResultsTable } from "@/components/stress-results-table";
import { formatUtc } from "@/lib/format";
import type { StressRunView } from "@/lib/services/risk-governance/stress/results";

/** The stress suite's latest run for a proposal: its status, and when done the suite's own results table. */
export async function StressRunTable({ run }: { run: StressRunView }) {
  const t = await getTranslations("compliance.parameters.governance.detail.stress");
  return (
    <div data-testid="stress-run">
      <p>{t("summary", { status: run.status, version: run.suiteVersion, seed: run.seed, at: formatUtc((run.finishedAt ?? run.startedAt).getTime()) })}</p>
      {run.failure ? <p>{run.failure}</p> : null}
      {run.result ? <StressResultsTable result={run.result} /> : null}
    </div>
  );
}
