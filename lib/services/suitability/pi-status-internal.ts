import "server-only";

/** The case fields that say whether a professional-investor status is in force (PI-7, PI-8). */
export const STATUS_FIELDS = { verifiedAt: true, expiresAt: true, withdrawnAt: true, revokedAt: true } as const;

export interface StatusFields {
  verifiedAt: Date | null;
  expiresAt: Date | null;
  withdrawnAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Whether an approval is in force at `now`: granted, not expired, and neither withdrawn by the client
 * nor revoked by an officer since it was granted (the entitlement rule reads the same fields). The
 * disclosure acknowledgement does not matter here: withdrawing or revoking is about the status itself.
 */
export function statusInForce(row: StatusFields, now: Date): boolean {
  if (!row.verifiedAt || !row.expiresAt || row.expiresAt.getTime() <= now.getTime()) return false;
  const since = row.verifiedAt.getTime();
  return !(row.withdrawnAt && row.withdrawnAt.getTime() >= since) && !(row.revokedAt && row.revokedAt.getTime() >= since);
}
