import NextAuth from "next-auth";
import { authOptions } from "@/lib/transport/auth-options";

// next-auth's own endpoints (sign-in callback, sign-out, CSRF token, session); they check next-auth's CSRF token.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
