"use server";

import { failedState, type FormState } from "@/lib/form-state";
import { replaySurveillance, type SurveillanceReplay } from "@/lib/services/afmm/replay-surveillance";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

/** What the replay form shows: the run's result, plain JSON (no bigint, dates as numbers). */
export type ReplayState = FormState<{ replay: SurveillanceReplay }>;

/** Runs the rules over the posted window (date-times typed in UTC) and returns the alerts for the form to show. */
export async function replayAction(_previous: ReplayState, formData: FormData): Promise<ReplayState> {
  const form = postedForm(formData);
  const values = { from: formText(form, "from"), to: formText(form, "to") };
  const result = await runAction((ctx) => replaySurveillance({ ctx, input: values }));
  if (!result.ok) return failedState<{ replay: SurveillanceReplay }>(result, values);
  return { at: Date.now(), tone: "ok", message: "", values, replay: result.data };
}
