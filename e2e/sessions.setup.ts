import { test as setup } from "@playwright/test";
import { ROLES } from "../lib/auth/permissions";
import { demoUser, signInByApi } from "./auth-helpers";
import { sessionFile, writeSession } from "./test-users";

// Each demo role signs in once per run, through next-auth's real Credentials endpoint (TOTP included);
// specs that only need "a signed-in compliance officer" reuse these sessions (e2e/test-users.ts).
setup("each demo role signs in once", async ({ baseURL }) => {
  await Promise.all(ROLES.map(async (role) => writeSession(sessionFile(role), await signInByApi(baseURL!, demoUser(role)))));
});
