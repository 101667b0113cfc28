"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { formatMinorUnits, formatPpbPercentExact } from "@/lib/format";
import { collateralName } from "@/lib/i18n/instrument-names";
import type { TradingCollateralAsset } from "@/lib/wire/portal-trading";
import { useRefreshOnSuccess } from "./account-forms";
import { depositAction } from "./actions";
import { FormResult } from "./form-result";

/** Deposit eligible collateral (COL-1): any asset of the engine's registry; the engine refuses what is not eligible now, with the reason. */
export function DepositForm({ assets, confirmationMs }: { assets: TradingCollateralAsset[]; confirmationMs: number }) {
  const t = useTranslations("trading.deposit");
  const names = useTranslations("instruments");
  const [state, formAction, pending] = useActionState(depositAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  const values = state.values ?? {};
  const assetErrors = state.fieldErrors?.assetId;
  const amountErrors = state.fieldErrors?.amount;
  return (
    <section className="panel" aria-labelledby="deposit">
      <h2 id="deposit">{t("title")}</h2>
      <p>{t("explanation", { seconds: String(confirmationMs / 1_000) })}</p>
      <form key={state.at} action={formAction} className="form" noValidate aria-label={t("title")}>
        <Field id="deposit-asset" label={t("asset")} errors={assetErrors}>
          <select
            id="deposit-asset"
            name="assetId"
            defaultValue={values.assetId ?? assets[0]?.assetId}
            aria-invalid={invalid(assetErrors)}
            aria-describedby={describedBy("deposit-asset", undefined, assetErrors)}
          >
            {assets.map((asset) => (
              <option key={asset.assetId} value={asset.assetId}>
                {t("assetOption", {
                  name: collateralName(names, asset),
                  haircut: formatPpbPercentExact(asset.haircutRate),
                  max: formatMinorUnits(asset.maxDepositMinor, asset.decimals),
                  status: asset.status,
                })}
              </option>
            ))}
          </select>
        </Field>
        <Field id="deposit-amount" label={t("amount")} errors={amountErrors}>
          <input
            id="deposit-amount"
            name="amount"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.amount ?? ""}
            aria-invalid={invalid(amountErrors)}
            aria-describedby={describedBy("deposit-amount", undefined, amountErrors)}
          />
        </Field>
        <p>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("recording") : t("record")}
          </button>
        </p>
      </form>
      <FormResult state={state} />
    </section>
  );
}
