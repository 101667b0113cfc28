import "server-only";
import type { Actor, Db } from "@/lib/services/context";

/**
 * Resolve a session id (from the signed JWT) to the acting user, reading roles from the database on
 * every request: a revoked, expired or unknown session is no actor at all.
 */
export async function loadSessionActor(db: Db, sessionId: string, now: Date): Promise<Actor | null> {
  const session = await db.authSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      stepUpAt: true,
      user: { select: { id: true, email: true, name: true, totpEnabledAt: true, roles: { select: { role: true } } } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const { user } = session;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.role),
    sessionId: session.id,
    totpEnabled: user.totpEnabledAt !== null,
    stepUpAt: session.stepUpAt,
  };
}
