"use client";

import { useTranslations } from "next-intl";
import { NET_WORTH_FIELDS } from "@/lib/suitability/draft-fields";
import { TextField } from "../form-parts";
import { StepForm } from "../step-form";
import { setNetWorthAction } from "./actions";

/** Net worth and liquid assets in HKD (Code 5.3, SUIT-5); amounts arrive as text and are parsed exactly on the server. */
export function NetWorthForm({ netWorthHkd, liquidAssetsHkd, locked }: { netWorthHkd: string; liquidAssetsHkd: string; locked: boolean }) {
  const t = useTranslations("onboarding.netWorth.form");
  const common = useTranslations("onboarding.form");
  return (
    <StepForm
      action={setNetWorthAction}
      label={t("label")}
      wide={false}
      locked={locked}
      fields={NET_WORTH_FIELDS}
      submit={t("save")}
      submitting={common("saving")}
    >
      {(state) => (
        <>
          <TextField
            state={state}
            prefix="worth"
            name="netWorthHkd"
            label={t("netWorth")}
            inputMode="decimal"
            hint={t("netWorthHint")}
            defaultValue={netWorthHkd}
          />
          <TextField
            state={state}
            prefix="worth"
            name="liquidAssetsHkd"
            label={t("liquidAssets")}
            inputMode="decimal"
            hint={t("liquidAssetsHint")}
            defaultValue={liquidAssetsHkd}
          />
        </>
      )}
    </StepForm>
  );
}
