"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";

/**
 * Asks the export route for the ZIP and saves it; a refusal (a bad date, a stale second factor)
 * is shown above the form with the route's own words, and the form keeps what was typed.
 */
export function RegulatorExportForm({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  const t = useTranslations("compliance.regulatorExport.form");
  const router = useRouter();
  const [state, setState] = useState<{ tone: "ok" | "error" | null; message: string }>({ tone: null, message: "" });
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const name of ["from", "to", "account", "market"]) {
      const value = data.get(name);
      if (typeof value === "string" && value.trim() !== "") query.set(name, value.trim());
    }
    setPending(true);
    try {
      const response = await fetch(`/api/compliance/regulator-export?${query.toString()}`, { cache: "no-store" });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        setState({ tone: "error", message: body.error ?? t("failed") });
        return;
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "regulator-export.zip";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
      setState({ tone: "ok", message: t("done", { name }) });
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="form" noValidate aria-label={t("heading")} data-testid="regulator-export">
      {state.tone ? <Alert tone={state.tone}>{state.message}</Alert> : null}
      <Field id="export-from" label={t("from")} hint={t("periodHint")}>
        <input id="export-from" name="from" type="date" required defaultValue={defaultFrom} aria-describedby="export-from-hint" />
      </Field>
      <Field id="export-to" label={t("to")}>
        <input id="export-to" name="to" type="date" required defaultValue={defaultTo} />
      </Field>
      <Field id="export-account" label={t("account")} hint={t("accountHint")}>
        <input id="export-account" name="account" type="text" inputMode="numeric" maxLength={12} aria-describedby="export-account-hint" />
      </Field>
      <Field id="export-market" label={t("market")} hint={t("marketHint")}>
        <input id="export-market" name="market" type="text" maxLength={40} aria-describedby="export-market-hint" />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("submit")}
        </button>
      </p>
    </form>
  );
}
