"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { TableShell } from "@/components/ui/table-shell";
import { formatUtc } from "@/lib/format";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { replayAction, type ReplayState } from "./actions";
import { isRule, isSeverity } from "./labels";

/** Runs the surveillance rules over a past window of the journal and lists what they raise, each marked if the live surveillance raised it too. */
export function ReplayForm({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  const [state, formAction, pending] = useActionState(replayAction, EMPTY_FORM_STATE as ReplayState);
  const t = useTranslations("afmmReviews");
  const fromErrors = firstError(state.fieldErrors, "from");
  const toErrors = firstError(state.fieldErrors, "to");
  const replay = state.replay;
  return (
    <div className="stack">
      <form key={state.at} action={formAction} className="form" noValidate aria-label={t("replay.title")}>
        {state.tone === "error" && !fromErrors && !toErrors ? <Alert tone="error">{state.message}</Alert> : null}
        <Field id="replay-from" label={t("replay.from")} errors={fromErrors}>
          <input
            id="replay-from"
            name="from"
            type="datetime-local"
            step={1}
            required
            defaultValue={state.values?.from ?? defaultFrom}
            aria-describedby={describedBy("replay-from", undefined, fromErrors)}
            aria-invalid={invalid(fromErrors)}
          />
        </Field>
        <Field id="replay-to" label={t("replay.to")} errors={toErrors}>
          <input
            id="replay-to"
            name="to"
            type="datetime-local"
            step={1}
            required
            defaultValue={state.values?.to ?? defaultTo}
            aria-describedby={describedBy("replay-to", undefined, toErrors)}
            aria-invalid={invalid(toErrors)}
          />
        </Field>
        <p>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("replay.pending") : t("replay.button")}
          </button>
        </p>
      </form>
      {replay ? (
        <div className="stack" data-testid="replay-result">
          <p>
            {t("replay.summary", {
              events: replay.events.toLocaleString("en-US"),
              from: replay.fromSeq,
              to: replay.toSeq,
              alerts: replay.alerts.length,
              matched: replay.alerts.filter((a) => a.matchesLive).length,
            })}
          </p>
          {replay.liveNotReplayed.length > 0 ? <Alert tone="warn">{t("replay.missing", { ids: replay.liveNotReplayed.join(", ") })}</Alert> : null}
          {replay.alerts.length === 0 ? (
            <p>{t("replay.none")}</p>
          ) : (
            <TableShell caption={t("replay.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("replay.columns.alert")}</th>
                  <th scope="col">{t("replay.columns.rule")}</th>
                  <th scope="col">{t("replay.columns.market")}</th>
                  <th scope="col">{t("replay.columns.severity")}</th>
                  <th scope="col">{t("replay.columns.time")}</th>
                  <th scope="col">{t("replay.columns.seq")}</th>
                  <th scope="col">{t("replay.columns.live")}</th>
                </tr>
              </thead>
              <tbody>
                {replay.alerts.map(({ alert, matchesLive, reviewId }) => (
                  <tr key={alert.id}>
                    <td>
                      <code>{alert.id}</code>
                    </td>
                    <td>{isRule(alert.rule) ? t(`rules.${alert.rule}.name`) : alert.rule}</td>
                    <td>{alert.market}</td>
                    <td>{isSeverity(alert.severity) ? t(`severity.${alert.severity}`) : alert.severity}</td>
                    <td className="nowrap">{formatUtc(alert.triggerAtMs, true)}</td>
                    <td>{alert.triggerSeq}</td>
                    <td>
                      {matchesLive && reviewId ? (
                        <Link href={`/afmm/trade-reviews/${reviewId}`}>{t("replay.liveYes")}</Link>
                      ) : matchesLive ? (
                        t("replay.livePlain")
                      ) : (
                        t("replay.liveNo")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableShell>
          )}
        </div>
      ) : null}
    </div>
  );
}
