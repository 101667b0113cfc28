"use client";

import { useActionState } from "react";
import { FormMessage, TextField } from "../form-parts";
import { EMPTY_WIZARD_STATE, type WizardFormState } from "../form-state";
import styles from "../onboarding.module.css";
import { setNetWorthAction } from "./actions";

/** Net worth and liquid assets in HKD (Code 5.3, SUIT-5); amounts arrive as text and are parsed exactly on the server. */
export function NetWorthForm({ netWorthHkd, liquidAssetsHkd, locked }: { netWorthHkd: string; liquidAssetsHkd: string; locked: boolean }) {
  const [state, formAction, pending] = useActionState(setNetWorthAction, EMPTY_WIZARD_STATE);
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
  state: WizardFormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  netWorthHkd: string;
  liquidAssetsHkd: string;
  locked: boolean;
}) {
  return (
    <form action={formAction} className="form" noValidate aria-label="Net worth and liquid assets">
      <fieldset disabled={locked} className={styles.bare}>
        <TextField
          state={state}
          prefix="worth"
          name="netWorthHkd"
          label="Net worth (HKD)"
          inputMode="decimal"
          hint="Everything you own less everything you owe, e.g. 20,000,000."
          defaultValue={netWorthHkd}
        />
        <TextField
          state={state}
          prefix="worth"
          name="liquidAssetsHkd"
          label="Liquid assets (HKD)"
          inputMode="decimal"
          hint="Cash, deposits and investments you could sell within days; part of your net worth, so not more than it."
          defaultValue={liquidAssetsHkd}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? "Saving…" : "Save net worth"}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={["netWorthHkd", "liquidAssetsHkd"]} />
    </form>
  );
}
