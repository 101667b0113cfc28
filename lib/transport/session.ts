import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { can, requiresTotp, type Permission } from "@/lib/auth/permissions";
import { safeNext } from "@/lib/auth/safe-next";
import { loadSessionActor } from "@/lib/services/auth/load-session-actor";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { anonymousContext } from "./anonymous-context";
import { authOptions } from "./auth-options";

/**
 * The request's service context, built from next-auth's session cookie: the bridge between HTTP
 * (cookies, headers, redirects) and the services, so it lives in transport, above both.
 */

/** The signed-in user for this request, with roles read from the database (once per request). */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.sid) return null;
  return loadSessionActor({ ctx: anonymousContext(), input: { sessionId: session.sid } });
});

export async function getServiceContext(): Promise<ServiceContext> {
  return { actor: await getCurrentUser(), db: db(), now: () => new Date() };
}

/** For pages: signed-out visitors go to sign-in and come back here afterwards. */
export async function requireUser(): Promise<ServiceContext & { actor: Actor }> {
  const ctx = await getServiceContext();
  if (ctx.actor) return { ...ctx, actor: ctx.actor };
  const next = await currentPath();
  const expired = await hasSessionCookie();
  redirect(`/sign-in?next=${encodeURIComponent(next)}${expired ? "&reason=expired" : ""}`);
}

/**
 * For restricted pages (never layouts): signed out → sign-in; staff without a second factor →
 * enrolment; a role without the permission → 404, which also keeps the page's existence from
 * users it is not meant for (AFMM-7).
 */
export async function requirePermission(permission: Permission): Promise<ServiceContext & { actor: Actor }> {
  const ctx = await requireUser();
  if (permission !== "account.manage" && requiresTotp(ctx.actor.roles) && !ctx.actor.totpEnabled) redirect("/account?enrol=required");
  if (!can(ctx.actor.roles, permission)) notFound();
  return ctx;
}

/** Set by proxy.ts on every request; "/" when the proxy did not run. */
export async function currentPath(): Promise<string> {
  const path = (await headers()).get("x-portal-path") ?? "/";
  return safeNext(path);
}

async function hasSessionCookie(): Promise<boolean> {
  const store = await cookies();
  return store.has("next-auth.session-token") || store.has("__Secure-next-auth.session-token");
}
