"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, startTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { useRouter } from "@/lib/i18n/navigation";
import { markAllNoticesReadAction, markNoticeReadAction } from "./actions";

/** After a notice is marked read, re-render the page and the header, whose unread count changed. */
function useRefreshOnSuccess(state: FormState) {
  const router = useRouter();
  useEffect(() => {
    if (state.tone === "ok") router.refresh();
  }, [state, router]);
}

function Result({ state }: { state: FormState }) {
  if (!state.tone) return null;
  return <Alert tone={state.tone}>{state.message}</Alert>;
}

/**
 * An unread notice is marked read once it is shown in a browser (not when a link to it is merely
 * prefetched: this runs only in the reader's page). Without JavaScript the button does the same.
 */
export function MarkReadOnView({ noticeId }: { noticeId: string }) {
  const t = useTranslations("inbox.detail");
  const [state, formAction, pending] = useActionState(markNoticeReadAction, EMPTY_FORM_STATE);
  const sent = useRef(false);
  useRefreshOnSuccess(state);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const form = new FormData();
    form.set("noticeId", noticeId);
    startTransition(() => formAction(form));
  }, [noticeId, formAction]);
  return (
    <div>
      {state.tone === "ok" ? null : (
        <form action={formAction} className="inline-form">
          <input type="hidden" name="noticeId" value={noticeId} />
          <button type="submit" className="button button--quiet" disabled={pending}>
            {pending ? t("markingRead") : t("markRead")}
          </button>
        </form>
      )}
      <Result state={state} />
    </div>
  );
}

/** Marks every notice shown up to `renderedAtMs` read; one that arrived after the page was shown stays unread. */
export function MarkAllRead({ renderedAtMs }: { renderedAtMs: number }) {
  const t = useTranslations("inbox.list");
  const [state, formAction, pending] = useActionState(markAllNoticesReadAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  return (
    <div>
      <form action={formAction} className="inline-form">
        <input type="hidden" name="upToMs" value={renderedAtMs} />
        <button type="submit" className="button button--quiet" disabled={pending}>
          {pending ? t("markingAllRead") : t("markAllRead")}
        </button>
      </form>
      <Result state={state} />
    </div>
  );
}
