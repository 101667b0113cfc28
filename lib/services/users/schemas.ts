import { z } from "zod";
import { ROLES, roleSetProblem } from "@/lib/auth/permissions";
import { passwordWeakness } from "@/lib/auth/password-policy";
import { msg, zodMessage } from "@/lib/i18n/message-ref";
import { normaliseVerificationCode } from "@/lib/notices/verification-code-format";

/**
 * Client-safe: forms, actions and services share these. (The strength estimator loads its
 * dictionaries on first use, so importing this for PASSWORD_RULES costs nothing.)
 */

export const Email = z
  .string({ error: zodMessage("validation.users.emailRequired") })
  .trim()
  .toLowerCase()
  .min(1, zodMessage("validation.users.emailRequired"))
  .max(254, zodMessage("validation.users.emailTooLong", { max: 254 }))
  .pipe(z.email({ error: zodMessage("validation.users.emailInvalid") }));

/** The password rules, as the forms' hint and the too-weak message state them. */
export const PASSWORD_RULES = msg("validation.users.passwordRules", { min: 12, max: 128 });
const PASSWORD_TOO_WEAK = zodMessage("validation.users.passwordTooWeak", { rules: PASSWORD_RULES });

export const NewPassword = z
  .string({ error: zodMessage("validation.users.passwordRequired") })
  .min(12, PASSWORD_TOO_WEAK)
  .max(128, zodMessage("validation.users.passwordTooLong", { max: 128 }))
  .refine((value) => /\p{L}/u.test(value) && /\p{Nd}/u.test(value), PASSWORD_TOO_WEAK);

export const TotpCode = z
  .string({ error: zodMessage("validation.users.totpRequired") })
  .trim()
  .regex(/^\d{6}$/, zodMessage("validation.users.totpDigitsOnly"));

export const SignInInput = z.object({
  email: Email,
  password: z.string().min(1, zodMessage("validation.users.passwordMissing")).max(128, zodMessage("validation.users.credentialsIncorrect")),
  totp: z
    .string()
    .max(64, zodMessage("validation.users.totpRequired"))
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(TotpCode.optional()),
});
export type SignInInput = z.input<typeof SignInInput>;

export const SignUpInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(2, zodMessage("validation.users.nameRequired"))
      .max(120, zodMessage("validation.users.nameTooLong", { max: 120 })),
    email: Email,
    password: NewPassword,
    confirmPassword: z.string().max(128, zodMessage("validation.users.passwordsDiffer")),
  })
  .refine((input) => input.password === input.confirmPassword, { path: ["confirmPassword"], message: zodMessage("validation.users.passwordsDiffer") })
  .superRefine((input, ctx) => {
    const weakness = passwordWeakness(input.password, [input.name, input.email]);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });
export type SignUpInput = z.input<typeof SignUpInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, zodMessage("validation.users.currentPasswordMissing")).max(128, zodMessage("validation.users.currentPasswordIncorrect")),
    newPassword: NewPassword,
    confirmPassword: z.string().max(128, zodMessage("validation.users.newPasswordsDiffer")),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: zodMessage("validation.users.newPasswordsDiffer") })
  .refine((input) => input.newPassword !== input.currentPassword, { path: ["newPassword"], message: zodMessage("validation.users.passwordUnchanged") })
  .superRefine((input, ctx) => {
    // The current password as a "user input": a new one that is a small variation of it is weak too.
    const weakness = passwordWeakness(input.newPassword, [input.currentPassword]);
    if (weakness) ctx.addIssue({ code: "custom", path: ["newPassword"], message: weakness });
  });
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

export const TotpCodeInput = z.object({ code: TotpCode });
export type TotpCodeInput = z.input<typeof TotpCodeInput>;

export const SetUserRolesInput = z
  .object({
    userId: z.uuid({ error: zodMessage("validation.users.unknownUser") }),
    roles: z
      .array(z.enum(ROLES, { error: zodMessage("validation.users.unknownRole") }))
      .max(ROLES.length, zodMessage("validation.users.roleTwice"))
      .transform((roles) => [...new Set(roles)]),
    reason: z
      .string()
      .trim()
      .min(5, zodMessage("validation.users.reasonTooShort", { min: 5 }))
      .max(500),
  })
  .superRefine((input, ctx) => {
    const problem = roleSetProblem(input.roles);
    if (problem) ctx.addIssue({ code: "custom", path: ["roles"], message: problem });
  });
export type SetUserRolesInput = z.input<typeof SetUserRolesInput>;

export const ListUsersInput = z.object({ query: z.string().trim().max(200).optional() }).default({});
export type ListUsersInput = z.input<typeof ListUsersInput>;

/** SEC-1: the code from the verification e-mail (lib/services/users/verify-email.ts). */
export const VerifyEmailInput = z.object({
  code: z
    .string({ error: zodMessage("validation.clientSecurity.codeRequired") })
    .max(40, zodMessage("validation.clientSecurity.codeFormat"))
    .refine((code) => normaliseVerificationCode(code).length > 0, zodMessage("validation.clientSecurity.codeRequired"))
    .refine((code) => /^[0-9A-Z]{10}$/.test(normaliseVerificationCode(code)), zodMessage("validation.clientSecurity.codeFormat")),
});
export type VerifyEmailInput = z.input<typeof VerifyEmailInput>;

/** SEC-2: the device cookie the sign-in transport read (lib/services/auth/recognise-device.ts). */
export const RecogniseDeviceInput = z.object({
  userId: z.uuid(),
  /** The cookie as the browser sent it (absent on a first visit). */
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional()
    .catch(undefined),
  userAgent: z.string().max(2000).optional().catch(undefined),
});
export type RecogniseDeviceInput = z.input<typeof RecogniseDeviceInput>;
