"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { FormMessage, TextField } from "../form-parts";
import styles from "../onboarding.module.css";
import { setNetWorthAction } from "./actions";

/** Net worth and liquid assets in HKD (Code 5.3, SUIT-5); amounts arrive as text and are parsed exactly on the server. */
export function NetWorthForm({ netWorthHkd, liquidAssetsHkd, locked }: { netWorthHkd: string; liquidAssetsHkd: string; locked: boolean }) {
  const [state, formAction, pending] = useActionState(setNetWorthAction, EMPTY_FORM_STATE);
  return <NetWorthFields key={state.at} state={state} formAction={formAction} pending={pending} netWorthHkd={netWorthHkd} liquidAssetsHkd={liquidAssetsHkd} locked={locked} />;
}

function NetWorthFields({
  state,
  formAction,
  pending,
  netWorthHkd,
  liquidAssetsHkd,
  locked,
}: {
  state: FormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  netWorthHkd: string;
  liquidAssetsHkd: string;
  locked: boolean;
}) {
  const t = useTranslations("onboarding.netWorth.form");
  const common = useTranslations("onboarding.form");
  return (
    <form action={formAction} className="form" noValidate aria-label={t("label")}>
      <fieldset disabled={locked} className={styles.bare}>
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
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? common("saving") : t("save")}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={["netWorthHkd", "liquidAssetsHkd"]} />
    </form>
  );
}
