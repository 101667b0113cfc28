"use server";

import { runAction } from "@/lib/transport/action";
import { changePassword } from "@/lib/services/users/change-password";
import { confirmTotpEnrolment } from "@/lib/services/users/confirm-totp-enrolment";
import { startTotpEnrolment } from "@/lib/services/users/start-totp-enrolment";
import type { ChangePasswordInput, TotpCodeInput, VerifyEmailInput } from "@/lib/services/users/schemas";
import { verifyEmail } from "@/lib/services/users/verify-email";
import { sendEmailVerification } from "@/lib/services/users/send-email-verification";

export async function changePasswordAction(input: ChangePasswordInput) {
  return runAction((ctx) => changePassword({ ctx, input }));
}

export async function startTotpEnrolmentAction() {
  return runAction((ctx) => startTotpEnrolment({ ctx }));
}

export async function confirmTotpEnrolmentAction(input: TotpCodeInput) {
  return runAction((ctx) => confirmTotpEnrolment({ ctx, input }));
}

export async function verifyEmailAction(input: VerifyEmailInput) {
  return runAction((ctx) => verifyEmail({ ctx, input }));
}

export async function sendEmailVerificationAction() {
  return runAction((ctx) => sendEmailVerification({ ctx }));
}
