import "server-only";
import { hashToken, isTokenShaped, newToken } from "@/lib/core/tokens";
import { and, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import { loginTickets, organizationDomains, organizations, samlAssertions, samlConnections, samlRequests, users, type SamlConnection } from "@/db/schema";
import type { Db } from "@/db";
import { recordAudit } from "@/lib/audit/record";
import { claimedStatuses } from "@/lib/domains/domains";
import { hashPassword } from "@/lib/core/passwords";
import { guard } from "@/lib/core/guard";
import { planIncludes } from "@/lib/core/plans";
import { fail, type Result } from "@/lib/core/result";
import { fieldErrors, personName } from "@/lib/core/schemas";
import { auditActorOf, type Viewer } from "@/lib/core/actor";
import { readCertificates } from "./certificates";
import { parseIdentityProviderMetadata, type IdentityProviderMetadata, type MetadataError } from "./metadata";
import type { IdentityProvider, SamlStores } from "./saml";

/** https, or http on loopback only (test identity providers). */
const ssoUrl = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(2048, { error: "invalidUrl" })
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname));
    } catch {
      return false;
    }
  }, { error: "invalidUrl" });

/** PEM certificates (several during a key rollover), or one bare base64 as metadata carries it; stored as PEM. */
const certificate = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(20_000, { error: "invalidCertificate" })
  .transform((value, context) => {
    const pems = readCertificates(value);
    if (pems) return pems.join("");
    context.addIssue({ code: "custom", message: "invalidCertificate" });
    return z.NEVER;
  });

export const connectionSchema = z.object({
  idpEntityId: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(1024, { error: "tooLong" }),
  idpSsoUrl: ssoUrl,
  idpCertificate: certificate,
});

export type SsoError = "forbidden" | "planRequired" | "validation";

export async function getConnection(db: Pick<Db, "select">, organizationId: string): Promise<SamlConnection | undefined> {
  const [row] = await db.select().from(samlConnections).where(eq(samlConnections.organizationId, organizationId));
  return row;
}

/** The configuration the SAML routes may use: one kept on a plan without SSO stays unused until an upgrade. */
export async function getActiveConnection(db: Pick<Db, "select">, organizationId: string): Promise<SamlConnection | undefined> {
  const [row] = await db
    .select({ connection: samlConnections, organization: organizations })
    .from(samlConnections)
    .innerJoin(organizations, eq(samlConnections.organizationId, organizations.id))
    .where(eq(samlConnections.organizationId, organizationId));
  if (!row || row.organization.status !== "active" || !planIncludes(row.organization.plan, "ssoSaml")) return undefined;
  return row.connection;
}

export function identityProviderOf(connection: SamlConnection): IdentityProvider {
  return { entityId: connection.idpEntityId, ssoUrl: connection.idpSsoUrl, certificate: connection.idpCertificate };
}

type ConnectionValues = z.output<typeof connectionSchema>;

/** SSO settings are for Admins, on a plan that includes SSO. */
const ssoSettings = ["authentication.manage", "authentication.sso"] as const;

async function storeConnection(db: Db, actor: Viewer, parsed: ConnectionValues, audit: Record<string, unknown> = {}) {
  const values = { ...parsed, updatedBy: actor.id, updatedAt: new Date() };
  return db.transaction(async (tx) => {
    const [connection] = await tx
      .insert(samlConnections)
      .values({ organizationId: actor.organization.id, ...values })
      .onConflictDoUpdate({ target: samlConnections.organizationId, set: values })
      .returning();
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "sso.configured",
      data: { idpEntityId: values.idpEntityId, idpSsoUrl: values.idpSsoUrl, ...audit },
    });
    return connection!;
  });
}

/** Saves the identity provider's entity ID, sign-in URL and signing certificate(s) (Enterprise, Admin). */
export async function saveConnection(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ connection: SamlConnection }, SsoError>> {
  const door = guard(caller, ssoSettings, connectionSchema, input, { planRefusal: "planRequired" });
  if (!door.ok) return door;
  return { ok: true, connection: await storeConnection(db, door.actor, door.input) };
}

export const metadataSchema = z.object({ idpMetadata: z.string({ error: "metadataRequired" }) });

/** Why pasted metadata was refused: the parser's reasons, and values connectionSchema refuses. */
export type MetadataRefusal = MetadataError | "metadataEntityIdTooLong" | "metadataInsecureSsoUrl";

const metadataRefusalOf: Record<keyof ConnectionValues, MetadataRefusal> = {
  idpEntityId: "metadataEntityIdTooLong",
  idpSsoUrl: "metadataInsecureSsoUrl",
  idpCertificate: "metadataInvalidCertificate",
};

/**
 * Saves the identity provider from its metadata XML, pasted by an Admin: the same permission
 * checks, the same validation of the values read (connectionSchema) and the same audit as
 * saveConnection. Every refusal is a code on the `idpMetadata` field.
 */
export async function saveConnectionFromMetadata(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ connection: SamlConnection; read: IdentityProviderMetadata }, SsoError>> {
  const refuse = (code: MetadataRefusal) => fail("validation" as const, { idpMetadata: [code] });
  const door = guard(caller, ssoSettings, metadataSchema, input, { planRefusal: "planRequired", invalid: () => refuse("metadataRequired") });
  if (!door.ok) return door;
  const { actor } = door;
  const read = parseIdentityProviderMetadata(door.input.idpMetadata, now);
  if (!read.ok) return refuse(read.error);
  const { metadata } = read;
  const parsed = connectionSchema.safeParse({ idpEntityId: metadata.entityId, idpSsoUrl: metadata.ssoUrl, idpCertificate: metadata.certificates.join("") });
  if (!parsed.success) {
    const field = Object.keys(fieldErrors(parsed.error))[0] as keyof ConnectionValues;
    return refuse(metadataRefusalOf[field] ?? "metadataMalformed");
  }
  const connection = await storeConnection(db, actor, parsed.data, { source: "metadata", certificates: metadata.certificates.length });
  return { ok: true, connection, read: metadata };
}

const ssoRequiredSchema = z.object({ domainId: z.uuid(), ssoRequired: z.enum(["on", "off"]) });

/** Makes SSO mandatory for a verified domain's people (password refused, Admins excepted), or not. */
export async function setSsoRequired(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ ssoRequired: boolean }, SsoError | "notFound" | "notConfigured">> {
  const door = guard(caller, ssoSettings, ssoRequiredSchema, input, { planRefusal: "planRequired", invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor, input: parsed } = door;
  const ssoRequired = parsed.ssoRequired === "on";
  if (ssoRequired && !(await getConnection(db, actor.organization.id))) return fail("notConfigured");
  return db.transaction(async (tx) => {
    const [domain] = await tx
      .update(organizationDomains)
      .set({ ssoRequired })
      .where(
        and(
          eq(organizationDomains.id, parsed.domainId),
          eq(organizationDomains.organizationId, actor.organization.id),
          inArray(organizationDomains.status, [...claimedStatuses]),
        ),
      )
      .returning();
    if (!domain) return fail("notFound");
    await recordAudit(tx, { organizationId: actor.organization.id, ...auditActorOf(actor), action: "domain.ssoRequiredChanged", target: domain.domain, data: { ssoRequired } });
    return { ok: true as const, ssoRequired };
  });
}

/** The organization an email signs in through, by SSO: its domain verified there, plan Enterprise, IdP configured. */
export async function ssoConnectionForEmail(db: Db, email: string) {
  const domain = email.slice(email.lastIndexOf("@") + 1).trim().toLowerCase();
  const [row] = await db
    .select({ organization: organizations, connection: samlConnections, ssoRequired: organizationDomains.ssoRequired })
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizationDomains.organizationId, organizations.id))
    .innerJoin(samlConnections, eq(samlConnections.organizationId, organizations.id))
    .where(and(eq(organizationDomains.domain, domain), inArray(organizationDomains.status, [...claimedStatuses])));
  if (!row || row.organization.status !== "active" || !planIncludes(row.organization.plan, "ssoSaml")) return null;
  return { organizationId: row.organization.id, connection: row.connection, ssoRequired: row.ssoRequired };
}

/**
 * Mandatory SSO: the organization whose identity provider this email must sign in at, or null when
 * a password is fine. That organization's Admins keep a password as the way back in if the identity
 * provider fails. The sign-in form, password sign-in and password reset all ask here.
 */
export async function mandatorySsoFor(db: Db, email: string): Promise<string | null> {
  const sso = await ssoConnectionForEmail(db, email);
  if (!sso?.ssoRequired) return null;
  const [person] = await db.select({ role: users.role, organizationId: users.organizationId }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  const adminThere = person?.role === "admin" && person.organizationId === sso.organizationId;
  return adminThere ? null : sso.organizationId;
}

/** The one-time stores of the SAML exchange, in the database so every instance shares them. */
export function databaseStores(db: Db, organizationId: string): SamlStores {
  return {
    saveRequest: async (id, expiresAt) => {
      await db.delete(samlRequests).where(lt(samlRequests.expiresAt, new Date()));
      await db.insert(samlRequests).values({ id, organizationId, expiresAt });
    },
    consumeRequest: async (id) => {
      const gone = await db
        .delete(samlRequests)
        .where(and(eq(samlRequests.id, id), eq(samlRequests.organizationId, organizationId), gt(samlRequests.expiresAt, new Date())))
        .returning();
      return gone.length === 1;
    },
    recordAssertion: async (assertionId, expiresAt) => {
      await db.delete(samlAssertions).where(lt(samlAssertions.expiresAt, new Date()));
      const inserted = await db.insert(samlAssertions).values({ organizationId, assertionId, expiresAt }).onConflictDoNothing().returning();
      return inserted.length === 1;
    },
  };
}


export type SsoSignInError = "outsideVerifiedDomains" | "otherOrganization" | "ssoUnavailable";

/**
 * After the ACS validated a response: the email must be inside the organization's verified
 * domains; a first sign-in creates the account as Member. Answers a one-time ticket, valid 2 min.
 */
export async function completeSsoSignIn(
  db: Db,
  organizationId: string,
  person: { email: string; name: string | null },
): Promise<Result<{ ticket: string; userId: string }, SsoSignInError>> {
  const email = person.email.trim().toLowerCase();
  const found = await ssoConnectionForEmail(db, email);
  if (!found) return fail("outsideVerifiedDomains");
  if (found.organizationId !== organizationId) return fail("outsideVerifiedDomains");
  const unusablePassword = await hashPassword(newToken());
  return db.transaction(async (tx) => {
    let [user] = await tx.select().from(users).where(eq(users.email, email));
    if (user && user.organizationId !== organizationId) return fail("otherOrganization");
    if (!user) {
      const name = nameFromIdentityProvider(person.name, email);
      [user] = await tx.insert(users).values({ organizationId, email, name, passwordHash: unusablePassword, role: "member" }).returning();
      await recordAudit(tx, { organizationId, actorId: user!.id, action: "member.joined", target: email, data: { via: "sso" } });
    }
    return { ok: true as const, ticket: await issueLoginTicket(tx, user!.id), userId: user!.id };
  });
}

/**
 * The name a new SSO account gets: the identity provider's, if it passes the person-name rules
 * anyone typing a name meets (NFC, no control or bidi characters, 80 at most); else the email's
 * local part under the same rules; else the whole address.
 */
export function nameFromIdentityProvider(name: string | null, email: string): string {
  const fromIdp = personName.safeParse(name ?? "");
  if (fromIdp.success) return fromIdp.data;
  const localPart = personName.safeParse(email.slice(0, email.lastIndexOf("@")));
  return localPart.success ? localPart.data : email;
}

/**
 * A ticket that signs this person in once, within two minutes, through Auth.js's "saml" provider:
 * how a sign-in that did not type a password (SSO, a confirmed join) opens its session.
 */
export async function issueLoginTicket(tx: Pick<Db, "insert">, userId: string): Promise<string> {
  const ticket = newToken();
  await tx.insert(loginTickets).values({ tokenHash: hashToken(ticket), userId, expiresAt: new Date(Date.now() + 2 * 60 * 1000) });
  return ticket;
}

/** Auth.js's "saml" provider: a ticket works once, within its two minutes, and never for a deleted organization. */
export async function redeemLoginTicket(db: Db, ticket: unknown) {
  if (!isTokenShaped(ticket)) return null;
  const [used] = await db
    .update(loginTickets)
    .set({ usedAt: new Date() })
    .where(and(eq(loginTickets.tokenHash, hashToken(ticket)), isNull(loginTickets.usedAt), gt(loginTickets.expiresAt, new Date())))
    .returning();
  if (!used) return null;
  const [row] = await db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.id, used.userId));
  if (!row || row.organization.status !== "active") return null;
  return { id: row.user.id, organizationId: row.user.organizationId, locale: row.user.locale };
}
