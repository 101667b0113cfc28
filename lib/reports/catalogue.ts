import { activityReport, insuranceFundReport, liquidationsReport } from "./builders/market-minutes";
import { parameterChangesReport } from "./builders/parameter-changes";
import { suitabilityReport } from "./builders/suitability";
import { REPORT_IDS, type ReportDefinition, type ReportId } from "./types";

/** Every report the workspace can generate, in the order a pack lists them. */
export const REPORT_CATALOGUE: Readonly<Record<ReportId, ReportDefinition>> = {
  activity: activityReport,
  liquidations: liquidationsReport,
  "insurance-fund": insuranceFundReport,
  suitability: suitabilityReport,
  "parameter-changes": parameterChangesReport,
};

export function isReportId(value: string): value is ReportId {
  return (REPORT_IDS as readonly string[]).includes(value);
}

/** The ids in catalogue order, duplicates dropped. */
export function inCatalogueOrder(ids: readonly ReportId[]): ReportId[] {
  return REPORT_IDS.filter((id) => ids.includes(id));
}
