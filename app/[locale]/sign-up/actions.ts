"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/transport/action";
import { limitSignUp } from "@/lib/transport/auth-limits";
import { signUpClient } from "@/lib/services/users/sign-up-client";
import type { SignUpInput } from "@/lib/services/users/schemas";

export async function signUpAction(input: SignUpInput): Promise<ActionResult<null>> {
  const requestHeaders = await headers();
  return runAction(async (ctx) => {
    await limitSignUp(requestHeaders);
    // Whether the email was new or already had an account stays here: both answer the same.
    await signUpClient({ ctx, input });
    return null;
  });
}
