import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { authenticate } from "./accounts";
import { clientAddressFrom } from "@/lib/core/client-address";
import { authSecret } from "@/lib/core/secrets";
import { redeemLoginTicket } from "@/lib/sso/connections";

declare module "next-auth" {
  interface Session {
    user: { id: string; organizationId: string } & DefaultSession["user"];
    /** When the session was signed in (seconds): a password reset ends the sessions issued before it. */
    issuedAt?: number;
  }
  interface User {
    organizationId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    organizationId?: string;
    signedInAt?: number;
  }
}

/** The codes a failed sign-in can carry; the sign-in page translates them. */
export class SignInRefused extends CredentialsSignin {
  constructor(public readonly reason: "invalid" | "throttled" | "organizationDeleted") {
    super(reason);
    this.code = reason;
  }
}

const quietErrors = new Set(["CredentialsSignin", "JWTSessionError"]);

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 14 },
  pages: { signIn: "/en/sign-in", error: "/en/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const db = await getDb();
        const result = await authenticate(db, {
          email: credentials?.email,
          password: credentials?.password,
          clientAddress: clientAddressFrom(request.headers),
        });
        if (!result.ok) throw new SignInRefused(result.error);
        return { id: result.user.id, organizationId: result.user.organizationId };
      },
    }),
    // SSO: our ACS validated the SAML response and left a one-time, two-minute ticket in the database.
    Credentials({
      id: "saml",
      credentials: { ticket: {} },
      async authorize(credentials) {
        const user = await redeemLoginTicket(await getDb(), credentials?.ticket);
        if (!user) throw new SignInRefused("invalid");
        return { id: user.id, organizationId: user.organizationId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.organizationId = user.organizationId;
        // Auth.js renews `iat` whenever it re-issues the cookie; this keeps the sign-in time.
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.organizationId = token.organizationId ?? "";
      session.issuedAt = token.signedInAt;
      return session;
    },
  },
  logger: {
    // A refused password is an everyday event, not a server error: one line, no stack.
    error(error) {
      const name = (error as { type?: string }).type ?? error.name;
      if (quietErrors.has(name)) {
        console.info(`[auth] ${name}: ${(error as { code?: string }).code ?? error.message.split("\n")[0]}`);
        return;
      }
      console.error("[auth]", error);
    },
    warn(code) {
      if (code !== "debug-enabled") console.warn(`[auth] warning: ${code}`);
    },
    debug() {},
  },
});
