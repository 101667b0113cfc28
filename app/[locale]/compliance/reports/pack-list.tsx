"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { formatDurationMs, formatInteger, formatUtc } from "@/lib/format";
import { fetchJson } from "@/lib/queries/fetch-json";
import { hongKongDate } from "@/lib/reports/period";
import type { ReportPackRow } from "@/lib/services/reports/report-packs";
import { cancelReportPackAction, fileReportPackAction } from "./actions";

const PACKS_URL = "/api/compliance/reports/packs";
const KEY = ["compliance", "report-packs"] as const;

/** The packs, polled every second while one is queued or running (live progress and estimate), every 15 s otherwise. */
export function ReportPackList({ initial, renderedAt, canGenerate }: { initial: ReportPackRow[]; renderedAt: number; canGenerate: boolean }) {
  const t = useTranslations("compliance.reports.packs");
  const query = useQuery({
    queryKey: KEY,
    queryFn: () => fetchJson<{ packs: ReportPackRow[] }>(PACKS_URL).then((answer) => answer.packs),
    initialData: initial,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: (current) => (current.state.data?.some((pack) => pack.status === "queued" || pack.status === "running") ? 1_000 : 15_000),
  });
  const packs = query.data;
  if (packs.length === 0) return <p data-testid="report-packs-empty">{t("empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="report-packs">
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.period")}</th>
            <th scope="col">{t("columns.reports")}</th>
            <th scope="col">{t("columns.status")}</th>
            <th scope="col">{t("columns.file")}</th>
            <th scope="col">{t("columns.filing")}</th>
          </tr>
        </thead>
        <tbody>
          {packs.map((pack) => (
            <tr key={pack.id} data-testid="report-pack" data-status={pack.status}>
              <th scope="row">
                {t("period", { from: hongKongDate(pack.fromMs), to: hongKongDate(pack.toMs - 1) })}
                {pack.scheduledMonth ? <div className="muted">{t("scheduled")}</div> : null}
              </th>
              <td>{pack.reports.length}</td>
              <td>
                <PackStatus pack={pack} />
                {canGenerate && (pack.status === "queued" || pack.status === "running") && !pack.cancelRequested ? <CancelForm id={pack.id} /> : null}
              </td>
              <td>
                {pack.status === "done" ? (
                  <>
                    <a href={`/api/compliance/reports/packs/${pack.id}/zip`} download data-testid="report-pack-download">
                      {t("download", { size: formatInteger(Math.ceil((pack.zipBytes ?? 0) / 1024)) })}
                    </a>
                    <div className="muted">
                      {t("manifest")} <code>{pack.manifestSha256?.slice(0, 16)}…</code>
                    </div>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {pack.filedReference ? (
                  <span data-testid="report-pack-filed">{t("filed", { reference: pack.filedReference, at: formatUtc(pack.filedAtMs ?? 0) })}</span>
                ) : pack.status === "done" && canGenerate ? (
                  <FileForm id={pack.id} />
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PackStatus({ pack }: { pack: ReportPackRow }) {
  const t = useTranslations("compliance.reports.packs");
  const percent = Math.floor(pack.progressPpm / 10_000);
  if (pack.status === "running") {
    return (
      <div data-testid="report-pack-progress">
        <span>{pack.cancelRequested ? t("status.cancelling") : t("status.running")}</span>{" "}
        <progress max={100} value={percent} aria-label={t("progressLabel")}>
          {percent}%
        </progress>{" "}
        <span>{t("percent", { percent })}</span>
        {pack.remainingMs !== null ? <div className="muted">{t("remaining", { duration: formatDurationMs(Math.max(1_000, pack.remainingMs)) })}</div> : null}
      </div>
    );
  }
  return (
    <span>
      {t(`status.${pack.status}`)}
      {pack.status === "failed" && pack.failure ? <div className="muted">{t("failureInternal")}</div> : null}
      {pack.attempts > 1 ? <div className="muted">{t("restarted", { attempts: pack.attempts })}</div> : null}
    </span>
  );
}

function useRefetchAfter(at: number) {
  const client = useQueryClient();
  useEffect(() => {
    if (at) void client.invalidateQueries({ queryKey: KEY });
  }, [at, client]);
}

function CancelForm({ id }: { id: string }) {
  const t = useTranslations("compliance.reports.packs");
  const [state, formAction, pending] = useActionState(cancelReportPackAction, EMPTY_FORM_STATE);
  useRefetchAfter(state.at);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={id} />
      {state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <button type="submit" className="button button--quiet" disabled={pending}>
        {t("cancel")}
      </button>
    </form>
  );
}

function FileForm({ id }: { id: string }) {
  const t = useTranslations("compliance.reports.packs");
  const [state, formAction, pending] = useActionState(fileReportPackAction, EMPTY_FORM_STATE);
  useRefetchAfter(state.at);
  return (
    <form key={state.at} action={formAction} className="inline-form" aria-label={t("fileLabel")}>
      <input type="hidden" name="id" value={id} />
      {state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <label htmlFor={`filing-${id}`}>{t("reference")}</label>{" "}
      <input id={`filing-${id}`} name="reference" type="text" maxLength={100} defaultValue={state.values?.reference ?? ""} />{" "}
      <button type="submit" className="button button--quiet" disabled={pending}>
        {t("markFiled")}
      </button>
    </form>
  );
}
