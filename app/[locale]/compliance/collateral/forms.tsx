"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { decideAction, proposeAction, withdrawAction } from "./actions";

export interface AssetChoice {
  assetId: string;
  label: string;
  /** "en" when the label carries the asset's configured English name rather than its name in the page's language. */
  lang?: "en";
}

const KINDS = ["FIAT", "HKMA_LICENSED_STABLECOIN", "AI_TOKENIZED_DEPOSIT"] as const;
const CAUSES = ["DEPEG", "LICENCE_REVOKED", "ISSUER_EVENT", "OTHER"] as const;
const MODES = ["HAIRCUT_100", "INELIGIBLE"] as const;

type FieldName =
  | "assetId"
  | "name"
  | "assetKind"
  | "currency"
  | "issuer"
  | "licenceNo"
  | "haircutPercent"
  | "decimals"
  | "maxDepositMinor"
  | "maxAccountMinor"
  | "effectiveFrom"
  | "effectiveTo"
  | "regulatoryBasis"
  | "valuationMethod"
  | "note";

function TextInput({ form, name, state, hint, maxLength = 300 }: { form: string; name: FieldName; state: FormState; hint?: string; maxLength?: number }) {
  const t = useTranslations("collateralGovernance.forms");
  const id = `${form}-${name}`;
  const errors = firstError(state.fieldErrors, name);
  return (
    <Field id={id} label={t(`fields.${name}`)} hint={hint} errors={errors}>
      <input
        id={id}
        name={name}
        type="text"
        maxLength={maxLength}
        defaultValue={state.values?.[name] ?? ""}
        aria-invalid={invalid(errors)}
        aria-describedby={describedBy(id, hint, errors)}
      />
    </Field>
  );
}

function AssetSelect({ form, assets, state }: { form: string; assets: readonly AssetChoice[]; state: FormState }) {
  const t = useTranslations("collateralGovernance.forms");
  const id = `${form}-assetId`;
  const errors = firstError(state.fieldErrors, "assetId");
  return (
    <Field id={id} label={t("asset")} errors={errors}>
      <select
        id={id}
        name="assetId"
        defaultValue={state.values?.assetId ?? assets[0]?.assetId}
        aria-invalid={invalid(errors)}
        aria-describedby={describedBy(id, undefined, errors)}
      >
        {assets.map((asset) => (
          <option key={asset.assetId} value={asset.assetId} lang={asset.lang}>
            {asset.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function Choice<T extends string>({
  form,
  name,
  options,
  label,
  state,
}: {
  form: string;
  name: string;
  options: readonly T[];
  label: (option: T) => string;
  state: FormState;
}) {
  const t = useTranslations("collateralGovernance.forms");
  const id = `${form}-${name}`;
  const errors = firstError(state.fieldErrors, name);
  return (
    <Field id={id} label={t(`fields.${name as FieldName}`)} errors={errors}>
      <select
        id={id}
        name={name}
        defaultValue={state.values?.[name] ?? options[0]}
        aria-invalid={invalid(errors)}
        aria-describedby={describedBy(id, undefined, errors)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {label(option)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function Reason({ form, state, min, max }: { form: string; state: FormState; min: number; max: number }) {
  const t = useTranslations("collateralGovernance.forms");
  const id = `${form}-reason`;
  const hint = t("reasonHint", { min, max });
  const errors = firstError(state.fieldErrors, "reason");
  return (
    <Field id={id} label={t("reason")} hint={hint} errors={errors}>
      <textarea
        id={id}
        name="reason"
        rows={3}
        maxLength={max}
        required
        defaultValue={state.values?.reason ?? ""}
        aria-invalid={invalid(errors)}
        aria-describedby={describedBy(id, hint, errors)}
      />
    </Field>
  );
}

function Refused({ state }: { state: FormState }) {
  return state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null;
}

/** Change an entry in force: only the fields filled in change. */
export function ChangeEntryForm({ assets, min, max }: { assets: readonly AssetChoice[]; min: number; max: number }) {
  const [state, action, pending] = useActionState(proposeAction, EMPTY_FORM_STATE);
  const t = useTranslations("collateralGovernance.forms");
  const keep = t("keepHint");
  return (
    <form key={state.at} action={action} className="form form--wide" noValidate aria-label={t("change.title")}>
      <input type="hidden" name="kind" value="ASSET" />
      <Refused state={state} />
      <AssetSelect form="change" assets={assets} state={state} />
      <TextInput form="change" name="haircutPercent" state={state} hint={keep} maxLength={12} />
      <TextInput form="change" name="maxDepositMinor" state={state} hint={keep} maxLength={25} />
      <TextInput form="change" name="maxAccountMinor" state={state} hint={keep} maxLength={25} />
      <TextInput form="change" name="effectiveFrom" state={state} hint={keep} maxLength={30} />
      <TextInput form="change" name="effectiveTo" state={state} hint={keep} maxLength={30} />
      <TextInput form="change" name="licenceNo" state={state} hint={keep} maxLength={80} />
      <Reason form="change" state={state} min={min} max={max} />
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("change.button")}
        </button>
      </p>
    </form>
  );
}

export function AddAssetForm({ min, max }: { min: number; max: number }) {
  const [state, action, pending] = useActionState(proposeAction, EMPTY_FORM_STATE);
  const t = useTranslations("collateralGovernance.forms");
  return (
    <form key={state.at} action={action} className="form form--wide" noValidate aria-label={t("add.title")}>
      <input type="hidden" name="kind" value="ASSET" />
      <Refused state={state} />
      <TextInput form="add" name="assetId" state={state} maxLength={40} />
      <TextInput form="add" name="name" state={state} />
      <Choice form="add" name="assetKind" options={KINDS} label={(k) => t(`kinds.${k}`)} state={state} />
      <Choice form="add" name="currency" options={["USD", "HKD"] as const} label={(c) => c} state={state} />
      <TextInput form="add" name="issuer" state={state} />
      <TextInput form="add" name="licenceNo" state={state} maxLength={80} />
      <TextInput form="add" name="haircutPercent" state={state} maxLength={12} />
      <TextInput form="add" name="decimals" state={state} maxLength={2} />
      <TextInput form="add" name="maxDepositMinor" state={state} maxLength={25} />
      <TextInput form="add" name="maxAccountMinor" state={state} maxLength={25} />
      <TextInput form="add" name="effectiveFrom" state={state} maxLength={30} />
      <TextInput form="add" name="effectiveTo" state={state} maxLength={30} />
      <TextInput form="add" name="regulatoryBasis" state={state} />
      <TextInput form="add" name="valuationMethod" state={state} />
      <Reason form="add" state={state} min={min} max={max} />
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("add.button")}
        </button>
      </p>
    </form>
  );
}

export function BreakerForm({
  assets,
  min,
  max,
  stepUpFresh,
  stepUpHref,
}: {
  assets: readonly AssetChoice[];
  min: number;
  max: number;
  stepUpFresh: boolean;
  stepUpHref: string;
}) {
  const [state, action, pending] = useActionState(proposeAction, EMPTY_FORM_STATE);
  const t = useTranslations("collateralGovernance.forms");
  const stepUpLink = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  return (
    <form key={state.at} action={action} className="form form--wide" noValidate aria-label={t("breaker.title")}>
      <input type="hidden" name="kind" value="BREAKER" />
      <Refused state={state} />
      <AssetSelect form="breaker" assets={assets} state={state} />
      <Choice form="breaker" name="cause" options={CAUSES} label={(c) => t(`causes.${c}`)} state={state} />
      <Choice form="breaker" name="mode" options={MODES} label={(m) => t(`modes.${m}`)} state={state} />
      <TextInput form="breaker" name="note" state={state} />
      <Reason form="breaker" state={state} min={min} max={max} />
      {stepUpFresh ? (
        <p>
          <label>
            <input type="checkbox" name="actAtOnce" /> {t("breaker.actAtOnce")}
          </label>
        </p>
      ) : (
        <p className="muted">{t.rich("breaker.stepUpFirst", { link: stepUpLink })}</p>
      )}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("breaker.button")}
        </button>
      </p>
    </form>
  );
}

export function LiftForm({ assets, min, max }: { assets: readonly AssetChoice[]; min: number; max: number }) {
  const [state, action, pending] = useActionState(proposeAction, EMPTY_FORM_STATE);
  const t = useTranslations("collateralGovernance.forms");
  return (
    <form key={state.at} action={action} className="form form--wide" noValidate aria-label={t("lift.title")}>
      <input type="hidden" name="kind" value="LIFT" />
      <Refused state={state} />
      <AssetSelect form="lift" assets={assets} state={state} />
      <Reason form="lift" state={state} min={min} max={max} />
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("lift.button")}
        </button>
      </p>
    </form>
  );
}

/** The second officer's decision; posted only with a fresh step-up (the service checks it again). */
export function DecisionForm({ proposalId, stepUpHref, min, max }: { proposalId: string; stepUpHref: string; min: number; max: number }) {
  const [state, action, pending] = useActionState(decideAction, EMPTY_FORM_STATE);
  const t = useTranslations("collateralGovernance.detail.decide");
  const noteErrors = firstError(state.fieldErrors, "note");
  const decisionErrors = firstError(state.fieldErrors, "decision");
  const stepUpLink = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  return (
    <form key={state.at} action={action} className="form form--wide" noValidate aria-label={t("title")}>
      <input type="hidden" name="proposalId" value={proposalId} />
      {state.tone === "error" && !noteErrors && !decisionErrors ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("stepUpAgain", { link: stepUpLink })}</> : null}
        </Alert>
      ) : null}
      <fieldset className="field" aria-describedby={decisionErrors ? "decision-error" : undefined}>
        <legend>{t("decision")}</legend>
        <div className="checks">
          {(["APPROVE", "REJECT"] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="decision" value={option} defaultChecked={state.values?.decision === option} />{" "}
              {t(option === "APPROVE" ? "approve" : "reject")}
            </label>
          ))}
        </div>
        {decisionErrors ? (
          <span className="field__error" id="decision-error">
            {decisionErrors.join(" ")}
          </span>
        ) : null}
      </fieldset>
      <Field id="decision-note" label={t("note")} errors={noteErrors}>
        <textarea
          id="decision-note"
          name="note"
          rows={3}
          minLength={min}
          maxLength={max}
          required
          defaultValue={state.values?.note ?? ""}
          aria-invalid={invalid(noteErrors)}
          aria-describedby={describedBy("decision-note", undefined, noteErrors)}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "…" : t("button")}
        </button>
      </p>
    </form>
  );
}

export function WithdrawForm({ proposalId }: { proposalId: string }) {
  const [state, action, pending] = useActionState(withdrawAction, EMPTY_FORM_STATE);
  const t = useTranslations("collateralGovernance.detail.withdraw");
  return (
    <form key={state.at} action={action} className="form" aria-label={t("title")}>
      <input type="hidden" name="proposalId" value={proposalId} />
      <Refused state={state} />
      <p>
        <button type="submit" className="button button--quiet" disabled={pending}>
          {t("button")}
        </button>
      </p>
    </form>
  );
}
