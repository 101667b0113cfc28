import { z } from "zod";
import { ROLES, roleSetProblem } from "@/lib/auth/permissions";
import { passwordWeakness } from "@/lib/auth/password-policy";

/**
 * Client-safe: forms, actions and services share these. (The strength estimator loads its
 * dictionaries on first use, so importing this for PASSWORD_RULES costs nothing.)
 */

export const Email = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "An email address has at most 254 characters")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }));

export const PASSWORD_RULES = "at least 12 characters (at most 128), including at least one letter and one digit, and not a common or easily guessed password";

export const NewPassword = z
  .string({ error: "Enter a password" })
  .min(12, `Password too weak: use ${PASSWORD_RULES}`)
  .max(128, "A password has at most 128 characters")
  .refine((value) => /\p{L}/u.test(value) && /\p{Nd}/u.test(value), `Password too weak: use ${PASSWORD_RULES}`);

export const TotpCode = z
  .string({ error: "Enter the 6-digit code from your authenticator app" })
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app (digits only)");

export const SignInInput = z.object({
  email: Email,
  password: z.string().min(1, "Enter your password").max(128, "Email or password is incorrect"),
  totp: z
    .string()
    .max(64, "Enter the 6-digit code from your authenticator app")
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(TotpCode.optional()),
});
export type SignInInput = z.input<typeof SignInInput>;

export const SignUpInput = z
  .object({
    name: z.string().trim().min(2, "Enter your full name").max(120, "A name has at most 120 characters"),
    email: Email,
    password: NewPassword,
    confirmPassword: z.string().max(128, "The two passwords do not match"),
  })
  .refine((input) => input.password === input.confirmPassword, { path: ["confirmPassword"], message: "The two passwords do not match" })
  .superRefine((input, ctx) => {
    const weakness = passwordWeakness(input.password, [input.name, input.email]);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });
export type SignUpInput = z.input<typeof SignUpInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(128, "The current password is incorrect"),
    newPassword: NewPassword,
    confirmPassword: z.string().max(128, "The two new passwords do not match"),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords do not match" })
  .refine((input) => input.newPassword !== input.currentPassword, { path: ["newPassword"], message: "Choose a password different from the current one" })
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
    userId: z.uuid({ error: "Unknown user" }),
    roles: z
      .array(z.enum(ROLES, { error: "Unknown role" }))
      .max(ROLES.length, "Each role at most once")
      .transform((roles) => [...new Set(roles)]),
    reason: z.string().trim().min(5, "Give a reason of at least 5 characters (it goes in the audit log)").max(500),
  })
  .superRefine((input, ctx) => {
    const problem = roleSetProblem(input.roles);
    if (problem) ctx.addIssue({ code: "custom", path: ["roles"], message: problem });
  });
export type SetUserRolesInput = z.input<typeof SetUserRolesInput>;

export const ListUsersInput = z.object({ query: z.string().trim().max(200).optional() }).default({});
export type ListUsersInput = z.input<typeof ListUsersInput>;
