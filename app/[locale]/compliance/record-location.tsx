import { getTranslations } from "next-intl/server";
import { DEMO_RECORD_LOCATION, env } from "@/lib/env";
import { parseRecordLocation } from "@/lib/reports/pack";

/**
 * REC-5: where the regulatory records are kept, as configured. The operator's premises or storage
 * provider is shown as entered; the demonstration default is said in the reader's language instead
 * of as the configuration's English words.
 */
export async function RecordLocationFacts() {
  const t = await getTranslations("compliance.reports.recordLocation");
  const setting = env().RECORD_LOCATION;
  const location = parseRecordLocation(setting);
  return (
    <dl className="facts" data-testid="record-location">
      <dt>{t("label")}</dt>
      <dd>{setting === DEMO_RECORD_LOCATION ? t("notRecorded") : t(location.kind, { reference: location.reference })}</dd>
    </dl>
  );
}
