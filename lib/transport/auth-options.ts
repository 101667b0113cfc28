import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { hasLocale } from "next-intl";
import { env } from "@/lib/env";
import { loadSessionActor } from "@/lib/services/auth/load-session-actor";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { signOut } from "@/lib/services/auth/sign-out";
import { ServiceError } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { routing } from "@/lib/i18n/routing";
import { messagesIn } from "./messages";
import { SESSION_TTL_MS } from "@/lib/services/users/internal";
import { safeNext } from "@/lib/auth/safe-next";
import { limitSignIn, signInSucceeded } from "./auth-limits";
import { anonymousContext } from "./anonymous-context";
import { cookies } from "next/headers";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, recogniseDevice } from "@/lib/services/auth/recognise-device";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

/**
 * next-auth v4: Credentials (email + password + TOTP) with JWT sessions. The JWT carries only the
 * user id and a server-side session id; roles and revocation are read from the database on every
 * request (lib/transport/session.ts), so a stale cookie never grants a role that was taken away.
 * next-auth's own routes carry its CSRF token; its cookies are httpOnly, SameSite=Lax, and Secure
 * (with the __Secure- prefix) in production mode.
 */
export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    useSecureCookies: config.PORTAL_MODE === "production",
    session: { strategy: "jwt", maxAge: SESSION_TTL_MS / 1000 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          totp: { label: "Authentication code", type: "text" },
          // The sign-in page's language, for the refusal's words (absent: English).
          locale: { label: "Language", type: "hidden" },
        },
        async authorize(credentials, request) {
          const headers = request?.headers ?? {};
          const email = credentials?.email ?? "";
          try {
            await limitSignIn(headers, email);
            const result = await signInWithPassword({
              ctx: anonymousContext(),
              input: { email, password: credentials?.password ?? "", totp: credentials?.totp },
            });
            await signInSucceeded(headers, result.email);
            await rememberDevice(headers, result.userId, config.PORTAL_MODE === "production");
            return { id: result.userId, email: result.email, name: result.name, sid: result.sessionId };
          } catch (error) {
            // next-auth hands the thrown message to the sign-in form as `error`: make it the user's message, in their language.
            const render = messagesIn(hasLocale(routing.locales, credentials?.locale) ? credentials.locale : routing.defaultLocale);
            if (error instanceof ServiceError) throw new Error(error.code === "TOTP_REQUIRED" ? "TOTP_REQUIRED" : render(error.userMessage));
            console.error("sign-in failed unexpectedly", error);
            throw new Error(render(msg("errors.transport.signInUnavailable")));
          }
        },
      }),
    ],
    callbacks: {
      // Where next-auth itself redirects (callbackUrl): only paths on this site.
      redirect({ url, baseUrl }) {
        const path = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
        return `${baseUrl}${safeNext(path)}`;
      },
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        return token;
      },
      session({ session, token }) {
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sid) return;
        const actor = await loadSessionActor({ ctx: anonymousContext(), input: { sessionId: token.sid } });
        if (actor) await signOut({ ctx: { ...anonymousContext(), actor } });
      },
    },
  };
}

/**
 * SEC-2: tells the user of a sign-in from a browser they have not used before (inbox and e-mail) and
 * leaves the device cookie that makes the next one known. Best effort: the sign-in has succeeded, and
 * a failure here is logged rather than refusing it.
 */
async function rememberDevice(headers: Record<string, unknown>, userId: string, secure: boolean): Promise<void> {
  try {
    const cookieHeader = typeof headers.cookie === "string" ? headers.cookie : "";
    const sent = cookieHeader
      .split(";")
      .map((part) => part.trim().split("="))
      .find(([name]) => name === DEVICE_COOKIE)?.[1];
    const userAgent = typeof headers["user-agent"] === "string" ? headers["user-agent"] : undefined;
    const { token } = await recogniseDevice({ ctx: anonymousContext(), input: { userId, token: sent, userAgent } });
    (await cookies()).set(DEVICE_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_S });
  } catch (error) {
    console.error("recognising the sign-in's device failed", error);
  }
}
