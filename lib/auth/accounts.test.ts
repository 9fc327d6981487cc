import { eq } from "drizzle-orm";
import { auditEvents, signInAttempts, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createOrganization, createUser, testPassword } from "@/tests/support/factories";
import { authenticate, signUp } from "./accounts";
import { recordFailure, throttleKey, throttlePolicy } from "@/lib/core/throttle";

const database = testDatabaseForThisFile();

describe("sign-in", () => {
  it("accepts the right password, whatever the case of the email", async () => {
    const organization = await createOrganization(database.db);
    const user = await createUser(database.db, organization.id, { email: "ada@example.test" });
    const result = await authenticate(database.db, { email: "  ADA@Example.test ", password: testPassword });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, organizationId: organization.id } });
  });

  it("answers the same for an unknown email and a wrong password", async () => {
    const organization = await createOrganization(database.db);
    await createUser(database.db, organization.id, { email: "bob@example.test" });
    const wrongPassword = await authenticate(database.db, { email: "bob@example.test", password: "not-the-password" });
    const unknownEmail = await authenticate(database.db, { email: "nobody@example.test", password: "not-the-password" });
    expect(wrongPassword).toEqual({ ok: false, error: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("refuses malformed input without raising", async () => {
    for (const input of [{}, { email: 42, password: null }, { email: "a".repeat(5000), password: "x" }]) {
      await expect(authenticate(database.db, input as never)).resolves.toEqual({ ok: false, error: "invalid" });
    }
  });

  it("refuses an email with a NUL character or a lone surrogate, which a query cannot carry, without raising (found by npm run fuzz)", async () => {
    for (const email of ["ada\u0000@example.test", "\u0000", "a@b\u0000 \b", "\u001bada@example.test\udfff", "\ud800", "\u001b\u{14455}ᗂ⟻𝖌𝚍᰾𐞵𒉪𑆛𐹷🤃𑻪𓃜ꃫ\udfff"]) {
      await expect(authenticate(database.db, { email, password: "x", clientAddress: "192.0.2.7" })).resolves.toEqual({ ok: false, error: "invalid" });
    }
  });

  it("locks an email after repeated failures, even for the right password, then lets it in again", async () => {
    const organization = await createOrganization(database.db);
    await createUser(database.db, organization.id, { email: "carol@example.test" });
    for (let attempt = 0; attempt < throttlePolicy.email.maxFailures; attempt += 1) {
      expect(await authenticate(database.db, { email: "carol@example.test", password: "wrong" })).toMatchObject({ error: "invalid" });
    }
    const locked = await authenticate(database.db, { email: "carol@example.test", password: testPassword });
    expect(locked).toMatchObject({ ok: false, error: "throttled" });
    expect(locked.retryAfter).toBeGreaterThan(0);

    // The lock lives in the database, so every instance sees it; once it has passed, sign-in works.
    await database.db.update(signInAttempts).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(signInAttempts.key, "email:carol@example.test"));
    expect(await authenticate(database.db, { email: "carol@example.test", password: testPassword })).toMatchObject({ ok: true });
  });

  it("locks a client address that tries many emails", async () => {
    for (let attempt = 0; attempt < throttlePolicy.address.maxFailures; attempt += 1) {
      await authenticate(database.db, { email: `spray${attempt}@example.test`, password: "wrong", clientAddress: "203.0.113.9" });
    }
    const organization = await createOrganization(database.db);
    await createUser(database.db, organization.id, { email: "dave@example.test" });
    expect(await authenticate(database.db, { email: "dave@example.test", password: testPassword, clientAddress: "203.0.113.9" })).toMatchObject({
      error: "throttled",
    });
    expect(await authenticate(database.db, { email: "dave@example.test", password: testPassword, clientAddress: "198.51.100.1" })).toMatchObject({
      ok: true,
    });
    // Thirty scrypt runs: generous on a loaded machine.
  }, 180_000);
});

describe("sign-up", () => {
  it("creates an organization whose creator is Admin with the Billing role", async () => {
    const result = await signUp(
      database.db,
      { organizationName: "  Initech  ", name: "Peter", email: "Peter@Initech.test", password: "a-long-password" },
      { locale: "fr" },
    );
    expect(result.ok).toBe(true);
    const [user] = await database.db.select().from(users).where(eq(users.email, "peter@initech.test"));
    expect(user).toMatchObject({ role: "admin", billing: true, locale: "fr", name: "Peter" });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, user!.organizationId));
    expect(events.map((event) => event.action)).toEqual(["organization.created"]);
  });

  it("refuses an email that already has an account, and creates nothing", async () => {
    await signUp(database.db, { organizationName: "First", name: "Eve", email: "eve@example.test", password: "a-long-password" }, { locale: "en" });
    const before = await database.db.select().from(users);
    const result = await signUp(
      database.db,
      { organizationName: "Second", name: "Eve", email: "EVE@example.test", password: "a-long-password" },
      { locale: "en" },
    );
    expect(result).toEqual({ ok: false, error: "emailTaken", fields: { email: ["emailTaken"] } });
    expect(await database.db.select().from(users)).toHaveLength(before.length);
  });

  it("reports every invalid field at once", async () => {
    const result = await signUp(database.db, { organizationName: "", name: "\u202Eevil", email: "nope", password: "short" }, { locale: "en" });
    expect(result).toEqual({
      ok: false,
      error: "validation",
      fields: {
        organizationName: ["required"],
        name: ["invalidCharacters"],
        email: ["invalidEmail"],
        password: ["passwordTooShort"],
      },
    });
  });

  it("throttles sign-ups per client address: past the limit nothing is created, and it says how long to wait", async () => {
    const clientAddress = "203.0.113.50";
    // The earlier attempts of the hour, counted as signUp counts them (each real one runs scrypt: slow).
    for (let attempt = 1; attempt < throttlePolicy.signUpAddress.maxFailures; attempt += 1) await recordFailure(database.db, "signUpAddress", throttleKey("signUpAddress", clientAddress));
    const last = await signUp(database.db, { organizationName: "Last one", name: "Sam", email: "sam@example.test", password: "a-long-password" }, { locale: "en", clientAddress });
    expect(last.ok).toBe(true);
    const refused = await signUp(database.db, { organizationName: "One more", name: "Sam", email: "sam-last@example.test", password: "a-long-password" }, { locale: "en", clientAddress });
    expect(refused).toMatchObject({ ok: false, error: "throttled" });
    expect(refused.retryAfter).toBeGreaterThan(59 * 60);
    expect(await database.db.select().from(users).where(eq(users.email, "sam-last@example.test"))).toHaveLength(0);
    const elsewhere = await signUp(database.db, { organizationName: "Other", name: "Sam", email: "sam-other@example.test", password: "a-long-password" }, { locale: "en", clientAddress: "198.51.100.50" });
    expect(elsewhere.ok).toBe(true);
  });

  it("throttles sign-ups per email, whatever address they come from, and still tells that an address is taken before", async () => {
    const email = "probe@example.test";
    const attempt = (index: number) => signUp(database.db, { organizationName: "Probe", name: "Pat", email, password: "a-long-password" }, { locale: "en", clientAddress: `192.0.2.${index}` });
    expect((await attempt(1)).ok).toBe(true);
    for (let index = 2; index <= throttlePolicy.signUpEmail.maxFailures; index += 1) expect(await attempt(index)).toMatchObject({ ok: false, error: "emailTaken" });
    expect(await attempt(99)).toMatchObject({ ok: false, error: "throttled" });
  });
});
