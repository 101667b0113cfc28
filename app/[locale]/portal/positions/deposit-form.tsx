"use client";

import { useActionState } from "react";
import { formatMinorUnits, formatPpbPercent } from "@/lib/format";
import type { TradingCollateralAsset } from "@/lib/wire/portal-trading";
import { useRefreshOnSuccess } from "./account-forms";
import { depositAction } from "./actions";
import { EMPTY_FORM_STATE } from "./form-state";
import { FieldError, FormResult } from "./form-result";

const STATUS_LABELS: Record<string, string> = {
  EFFECTIVE: "eligible",
  NOT_YET_EFFECTIVE: "not yet eligible",
  EXPIRED: "no longer eligible",
  SUSPENDED: "suspended",
  HAIRCUT_100: "valued at zero (100 % haircut)",
};

/** Deposit eligible collateral (COL-1): any asset of the engine's registry; the engine refuses what is not eligible now, with the reason. */
export function DepositForm({ assets, confirmationMs }: { assets: TradingCollateralAsset[]; confirmationMs: number }) {
  const [state, formAction, pending] = useActionState(depositAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  const values = state.values ?? {};
  return (
    <section className="panel" aria-labelledby="deposit">
      <h2 id="deposit">Deposit collateral</h2>
      <p>
        Record a deposit you are sending. It shows under pending deposits at once but counts as margin only once it is confirmed. In this simulation the
        engine&apos;s host confirms a client deposit {confirmationMs / 1_000} seconds of engine time after the notice; a real deposit waits for the bank credit or
        for the on-chain transfer to be final. Eligibility is checked again at confirmation.
      </p>
      <form key={state.at} action={formAction} className="form" noValidate aria-label="Deposit collateral">
        <div className="field">
          <label htmlFor="deposit-asset">Asset</label>
          <select id="deposit-asset" name="assetId" defaultValue={values.assetId ?? assets[0]?.assetId}>
            {assets.map((asset) => (
              <option key={asset.assetId} value={asset.assetId}>
                {asset.name} — haircut {formatPpbPercent(asset.haircutRate, 2)}, at most {formatMinorUnits(asset.maxDepositMinor, asset.decimals)} per deposit,{" "}
                {STATUS_LABELS[asset.status] ?? asset.status}
              </option>
            ))}
          </select>
          <FieldError state={state} name="assetId" id="deposit-assetId-error" />
        </div>
        <div className="field">
          <label htmlFor="deposit-amount">Amount (in the asset)</label>
          <input
            id="deposit-amount"
            name="amount"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.amount ?? ""}
            {...(state.fieldErrors?.amount ? { "aria-invalid": true as const, "aria-describedby": "deposit-amount-error" } : {})}
          />
          <FieldError state={state} name="amount" id="deposit-amount-error" />
        </div>
        <p>
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Recording…" : "Record deposit"}
          </button>
        </p>
      </form>
      <FormResult state={state} />
    </section>
  );
}
