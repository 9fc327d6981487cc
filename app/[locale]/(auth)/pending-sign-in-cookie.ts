import "server-only";
import { cookies } from "next/headers";
import { absoluteLink } from "@/lib/core/origin";
import { pendingSignInMs } from "@/lib/auth/two-step-sign-in";

/** Holds the single-use token between the password and the second step: HttpOnly, SameSite=Lax, Secure on https. */
const name = "org-console-pending-sign-in";

export async function holdPendingSignIn(token: string): Promise<void> {
  const secure = (await absoluteLink("/")).startsWith("https:");
  (await cookies()).set(name, token, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: Math.floor(pendingSignInMs / 1000) });
}

export async function pendingSignInToken(): Promise<string | undefined> {
  return (await cookies()).get(name)?.value;
}

export async function dropPendingSignIn(): Promise<void> {
  (await cookies()).delete(name);
}
