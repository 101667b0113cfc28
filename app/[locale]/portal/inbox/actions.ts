"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { markAllNoticesRead } from "@/lib/services/inbox/mark-all-notices-read";
import { markNoticeRead } from "@/lib/services/inbox/mark-notice-read";
import { runAction } from "@/lib/transport/action";
import { formTexts } from "@/lib/transport/posted-form";

const INBOX = "/portal/inbox";

export async function markNoticeReadAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { noticeId = "" } = formTexts(formData, ["noticeId"]);
  const result = await runAction((ctx) => markNoticeRead({ ctx, input: { noticeId } }));
  if (!result.ok) return failedState(result);
  revalidatePath(INBOX, "layout");
  return savedState((await getTranslations("inbox.detail"))("markedRead"));
}

export async function markAllNoticesReadAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { upToMs } = formTexts(formData, ["upToMs"]);
  const result = await runAction((ctx) => markAllNoticesRead({ ctx, input: { upToMs } }));
  if (!result.ok) return failedState(result);
  revalidatePath(INBOX, "layout");
  return savedState((await getTranslations("inbox.list"))("markedAllRead", { count: result.data.count }));
}
