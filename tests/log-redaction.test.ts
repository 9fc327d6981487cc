import { Writable } from "node:stream";
import { authenticate } from "@/lib/auth/accounts";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createInvitation, invitationLifetimeMs } from "@/lib/members/invitations";
import { createLogger, log, requestIdFrom, scrub, setLogger, withRequestContext } from "@/lib/core/log";
import { installRequestObserver, observeRequest } from "@/lib/core/metrics";
import { invitationEmail, sendMail } from "@/lib/mail/mailer";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { callApi, serveDatabase } from "@/tests/support/api";
import { createCast, signedInViewer, testPassword, viewerOf } from "@/tests/support/factories";

const database = testDatabaseForThisFile();
const lines: string[] = [];
let previous: ReturnType<typeof setLogger>;

beforeAll(() => {
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  previous = setLogger(createLogger(capture, "trace"));
  installRequestObserver();
  serveDatabase(database);
});
afterAll(() => setLogger(previous));

describe("log lines hold no secret", () => {
  it("sign-in, password reset, invitation and API key creation and use leave no password, token, cookie, link or key in any line", async () => {
    const secrets: string[] = [testPassword];
    const { admin, organization } = await createCast(database.db, "team");
    const cookieValue = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..session-cookie-value";
    secrets.push(cookieValue);

    await withRequestContext(requestIdFrom(null), async () => {
      // Sign-in: a refusal and a success, with a careless line logging what was posted.
      const input = { email: admin.email, password: testPassword, clientAddress: "10.9.9.9" };
      log("auth").info({ input, headers: { cookie: `authjs.session-token=${cookieValue}` } }, "sign-in posted");
      expect(await authenticate(database.db, { ...input, password: "wrong-password-123" })).toMatchObject({ ok: false });
      expect(await authenticate(database.db, input)).toMatchObject({ ok: true });
      log("auth").info(`Cookie: authjs.session-token=${cookieValue}; NEXT_LOCALE=fr`);
    });

    await withRequestContext(requestIdFrom(null), async () => {
      // Password reset: the mail is logged whole, and its delivery fails (SMTP with credentials, nothing listening).
      const reset = await requestPasswordReset(database.db, { email: admin.email, clientAddress: "10.9.9.8" }, { linkFor: (token, locale) => `http://console.test/${locale}/reset-password?token=${token}` });
      if (!reset.ok || !reset.mail?.link) throw new Error("no reset mail");
      const token = new URL(reset.mail.link).searchParams.get("token")!;
      secrets.push(reset.mail.link, token, "smtp-password-42");
      log("mail").debug({ mail: reset.mail }, "composed");
      log("mail").error(new Error(`could not deliver ${reset.mail.link}`));
      const saved = process.env.SMTP_URL;
      process.env.SMTP_URL = "smtp://mailer:smtp-password-42@127.0.0.1:1";
      try {
        expect(await sendMail(reset.mail)).toBe("failed");
      } finally {
        if (saved === undefined) delete process.env.SMTP_URL;
        else process.env.SMTP_URL = saved;
      }
    });

    await withRequestContext(requestIdFrom(null), async () => {
      // Invitation: its token and link, logged as fields and inside a sentence; then the access-log line of its page.
      const invited = await createInvitation(database.db, await viewerOf(database.db, admin.id), { email: "newcomer@example.test", role: "member" });
      if (!invited.ok) throw new Error(invited.error);
      const link = `http://console.test/en/invite?token=${invited.token}`;
      secrets.push(invited.token, link);
      const mail = invitationEmail({ to: "newcomer@example.test", link, organizationName: organization.name, inviterName: admin.name, locale: "en" });
      log("members").info({ invitation: { token: invited.token, link, expiresInMs: invitationLifetimeMs }, mail }, `invited with ${link}`);
      observeRequest({ method: "GET", path: `/en/invite/${invited.token}`, status: 200, seconds: 0.01 });
    });

    await withRequestContext(requestIdFrom("proxy-request-0001"), async () => {
      // API key: created once, then used on the API; the request's headers are logged.
      const created = await createApiKey(database.db, await signedInViewer(database.db, admin.id), { name: "Deploy bot", scopes: ["organization:read"], expiry: "30" });
      if (!created.ok) throw new Error(created.error);
      secrets.push(created.secret);
      const response = await callApi({ method: "GET", path: "/organization", secret: created.secret });
      expect(response.status).toBe(200);
      log("api").info({ headers: { authorization: `Bearer ${created.secret}` }, apiKey: created.secret }, "request");
      log("api").warn(`refused key ${created.secret} from header Authorization: Bearer ${created.secret}`);
      log("api").error({ err: new Error(`lookup failed for ${created.secret}`) }, "failed");
    });

    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) {
      for (const secret of secrets) expect(line).not.toContain(secret);
      expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String) });
    }
    // Each request's lines carry its ID; a proxy's plain identifier is kept, and the lines still say what happened.
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.filter((line) => typeof line.requestId !== "string")).toEqual([]);
    expect(parsed.some((line) => line.requestId === "proxy-request-0001")).toBe(true);
    expect(parsed.some((line) => line.component === "mail" && line.msg === "email not sent")).toBe(true);
    expect(parsed.some((line) => line.component === "http" && line.path === "/en/invite/[redacted]")).toBe(true);
  });

  it("the scrubber keeps the shape of a line and removes only credentials", () => {
    expect(scrub("open http://x.test/fr/reset-password?token=abcDEF123_-xyz&step=2")).toBe("open http://x.test/fr/reset-password?token=[redacted]&step=2");
    expect(scrub("Authorization: Bearer oc_abcdefghijklmnop")).toBe("Authorization: Bearer [redacted]");
    expect(scrub("key oc_abcdefghijklmnop used")).toBe("key oc_[redacted] used");
    expect(scrub("smtp://user:pass@mail.example:587")).toBe("smtp://[redacted]@mail.example:587");
    expect(scrub("Failed query: insert into sessions values ($1)\nparams: 4f1c-secret-hash\n    at x")).toBe("Failed query: insert into sessions values ($1)\nparams: [redacted]\n    at x");
    expect(scrub("job 3f2b5c1e-0000-4000-8000-000000000000 done in 12 ms")).toBe("job 3f2b5c1e-0000-4000-8000-000000000000 done in 12 ms");
  });

  it("a client's X-Request-Id is kept only when it is a plain identifier", () => {
    expect(requestIdFrom("abc-DEF_12345678")).toBe("abc-DEF_12345678");
    for (const offered of ["short", "has space in it", "x".repeat(65), "line\nbreak-injected", null]) {
      expect(requestIdFrom(offered)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
