import "server-only";
import { z } from "zod";
import type { Actor, ServiceContext } from "@/lib/services/context";

export const LoadSessionActorInput = z.object({ sessionId: z.string().min(1).max(128) });
export type LoadSessionActorInput = z.input<typeof LoadSessionActorInput>;

/**
 * Resolve a session id (from the signed JWT) to the acting user, reading roles from the database on
 * every request: a revoked, expired or unknown session is no actor at all. This is how an actor
 * comes to be, so there is none to authorize yet.
 */
export async function loadSessionActor({ ctx, input }: { ctx: ServiceContext; input: LoadSessionActorInput }): Promise<Actor | null> {
  const parsed = LoadSessionActorInput.safeParse(input);
  if (!parsed.success) return null;
  const session = await ctx.db.authSession.findUnique({
    where: { id: parsed.data.sessionId },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      stepUpAt: true,
      user: { select: { id: true, email: true, name: true, totpEnabledAt: true, roles: { select: { role: true } } } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= ctx.now()) return null;
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
