import { afmmMiReport } from "./builders/afmm-mi";
import { complaintsReport } from "./builders/complaints";
import { incidentsReport } from "./builders/incidents";
import { activityReport, insuranceFundReport, liquidationsReport } from "./builders/market-minutes";
import { monthlyReturnReport } from "./builders/monthly-return";
import { parameterChangesReport } from "./builders/parameter-changes";
import { questionnaireReport } from "./builders/questionnaire";
import { suitabilityReport } from "./builders/suitability";
import { REPORT_IDS, type ReportDefinition, type ReportId } from "./types";

/** Every report the workspace can generate, in the order a pack lists them. */
export const REPORT_CATALOGUE: Readonly<Record<ReportId, ReportDefinition>> = {
  activity: activityReport,
  liquidations: liquidationsReport,
  "insurance-fund": insuranceFundReport,
  suitability: suitabilityReport,
  "parameter-changes": parameterChangesReport,
  incidents: incidentsReport,
  "afmm-mi": afmmMiReport,
  "monthly-return": monthlyReturnReport,
  questionnaire: questionnaireReport,
  complaints: complaintsReport,
};

export function isReportId(value: string): value is ReportId {
  return (REPORT_IDS as readonly string[]).includes(value);
}

/** The ids in catalogue order, duplicates dropped. */
export function inCatalogueOrder(ids: readonly ReportId[]): ReportId[] {
  return REPORT_IDS.filter((id) => ids.includes(id));
}
