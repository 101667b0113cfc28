/** What a typed e-mail verification code is compared as: upper case, without spaces or hyphens; O and I/L read as 0 and 1 (SEC-1). */
export function normaliseVerificationCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "").replaceAll("O", "0").replace(/[IL]/g, "1");
}
