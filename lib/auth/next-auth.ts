import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { authenticate } from "./accounts";
import { redeemPendingSignIn } from "./two-step-sign-in";
import { hasSecondFactor } from "@/lib/two-step/verify";
import { clientAddressFrom } from "@/lib/core/client-address";
import { log } from "@/lib/core/log";
import { authSecret } from "@/lib/core/secrets";
import { redeemLoginTicket } from "@/lib/sso/connections";
import { endSignedOutSession, startSession } from "@/lib/sessions/sessions";
import { sessionPolicy } from "@/lib/sessions/policy";
import { configuredOrigin } from "@/lib/core/origin";

// Auth.js builds the URL of its own requests (the session `auth()` reads) from AUTH_URL, else from
// the Host header, which the client chooses: `Host: localhost@evil.example` made it a URL with
// credentials, `new Request` threw, and every page reading the session answered 500. The public
// origin is APP_URL (lib/core/origin.ts): Auth.js is given it, and no header chooses it.
const authOrigin = configuredOrigin();
if (authOrigin && !process.env.AUTH_URL) process.env.AUTH_URL = authOrigin;

declare module "next-auth" {
  interface Session {
    /** The `sessions` row this browser holds; everything else is read from the database. */
    sessionId?: string;
  }
  interface User {
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

/** The codes a failed sign-in can carry; the sign-in page translates them. */
export class SignInRefused extends CredentialsSignin {
  constructor(public readonly reason: "invalid" | "throttled" | "organizationDeleted" | "organizationScheduledForDeletion") {
    super(reason);
    this.code = reason;
  }
}

const quietErrors = new Set(["CredentialsSignin", "JWTSessionError"]);

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  // The cookie may live as long as a session can; the row decides when it is over (idle, revoked).
  session: { strategy: "jwt", maxAge: Math.floor(sessionPolicy().maxAgeMs / 1000) },
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
        // The password alone never opens a session for a person with a second step (lib/auth/two-step-sign-in.ts).
        if (await hasSecondFactor(db, result.user.id)) throw new SignInRefused("invalid");
        const { sessionId } = await startSession(db, {
          user: result.user,
          userAgent: request.headers.get("user-agent"),
          clientAddress: clientAddressFrom(request.headers),
          method: "password",
        });
        return { id: result.user.id, sessionId };
      },
    }),
    // The sign-in page: a single-use token whose password and (when the person has one) second step passed.
    Credentials({
      id: "pending",
      credentials: { token: {} },
      async authorize(credentials, request) {
        const db = await getDb();
        const redeemed = await redeemPendingSignIn(db, credentials?.token);
        if (!redeemed) throw new SignInRefused("invalid");
        const { sessionId } = await startSession(db, {
          user: redeemed.user,
          userAgent: request.headers.get("user-agent"),
          clientAddress: clientAddressFrom(request.headers),
          method: redeemed.method,
        });
        return { id: redeemed.user.id, sessionId };
      },
    }),
    // SSO: our ACS validated the SAML response and left a one-time, two-minute ticket in the database.
    Credentials({
      id: "saml",
      credentials: { ticket: {} },
      async authorize(credentials, request) {
        const db = await getDb();
        const user = await redeemLoginTicket(db, credentials?.ticket);
        if (!user) throw new SignInRefused("invalid");
        const { sessionId } = await startSession(db, {
          user,
          userAgent: request.headers.get("user-agent"),
          clientAddress: clientAddressFrom(request.headers),
          method: "sso",
        });
        return { id: user.id, sessionId };
      },
    }),
  ],
  callbacks: {
    // The session id is the token's only claim of ours: no name, email or user id rides in the cookie.
    jwt({ token, user }) {
      if (user?.sessionId) return { sid: user.sessionId };
      return token;
    },
    session({ session, token }) {
      session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Every way out (our button, Auth.js's own route) ends the row, so a copied cookie dies with it.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid) await endSignedOutSession(await getDb(), token.sid);
    },
  },
  logger: {
    // A refused password is an everyday event, not a server error: one line, no stack.
    error(error) {
      const name = (error as { type?: string }).type ?? error.name;
      if (quietErrors.has(name)) {
        log("auth").info({ refusal: name, reason: (error as { code?: string }).code ?? error.message.split("\n")[0] }, "sign-in refused");
        return;
      }
      log("auth").error({ err: error }, "Auth.js error");
    },
    warn(code) {
      if (code !== "debug-enabled") log("auth").warn({ code }, "Auth.js warning");
    },
    debug() {},
  },
});
