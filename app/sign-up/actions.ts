"use server";

import { runAction } from "@/lib/transport/action";
import { signUpClient } from "@/lib/services/users/sign-up-client";
import type { SignUpInput } from "@/lib/services/users/schemas";

export async function signUpAction(input: SignUpInput) {
  return runAction((ctx) => signUpClient({ ctx, input }));
}
