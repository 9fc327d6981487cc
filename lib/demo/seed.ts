import "server-only";
import { count, eq } from "drizzle-orm";
import { hashPassword } from "@/lib/core/passwords";
import type { Db } from "@/db";
import { chats, messages, organizations, users, type Locale, type Plan, type Role, type User } from "@/db/schema";
import { recordAudit, type AuditEvent } from "@/lib/audit/record";

export const demoPassword = "correct-horse-battery";

type DemoPerson = { email: string; name: string; role: Role; billing: boolean; locale: Locale };
type DemoOrganization = { name: string; plan: Plan; people: DemoPerson[]; chatsPerPerson: number; history: DemoEvent[] };
/** A past event of the demo: who (by email) did what, from where; written through recordAudit so the chain verifies. */
type DemoEvent = { by: string } & Pick<AuditEvent, "action" | "target" | "data">;

// Documentation addresses (RFC 5737) and user-agent summaries as lib/sessions/device.ts writes them.
const demoContexts = [
  { clientAddress: "192.0.2.10", userAgent: "Firefox 135 on macOS" },
  { clientAddress: "198.51.100.23", userAgent: "Chrome 133 on Windows" },
];

export const demoOrganizations: DemoOrganization[] = [
  {
    name: "Acme Demo",
    plan: "team",
    chatsPerPerson: 12,
    people: [
      { email: "admin@example.com", name: "Ada Admin", role: "admin", billing: true, locale: "en" },
      { email: "billing@example.com", name: "Bruno Billing", role: "member", billing: true, locale: "fr" },
      { email: "member@example.com", name: "Maya Member", role: "member", billing: false, locale: "en" },
    ],
    history: [
      { by: "admin@example.com", action: "organization.created", data: { name: "Acme" } },
      { by: "admin@example.com", action: "organization.renamed", data: { from: "Acme", to: "Acme Demo" } },
      { by: "admin@example.com", action: "invitation.created", target: "member@example.com", data: { role: "member", billing: false } },
      { by: "member@example.com", action: "invitation.accepted", target: "member@example.com" },
      { by: "member@example.com", action: "member.joined", target: "member@example.com", data: { role: "member", billing: false } },
      { by: "admin@example.com", action: "member.roleChanged", target: "billing@example.com", data: { from: "admin", to: "member" } },
    ],
  },
  {
    name: "Globex",
    plan: "free",
    chatsPerPerson: 4,
    people: [{ email: "owner@globex.example", name: "Gaston Globex", role: "admin", billing: true, locale: "fr" }],
    history: [{ by: "owner@globex.example", action: "organization.created", data: { name: "Globex" } }],
  },
];

const topics = [
  ["Quarterly report outline", "Draft an outline for our quarterly report.", "Here is a five-part outline…"],
  ["Résumé d’une réunion", "Résume la réunion de lundi en trois points.", "Voici les trois points clés…"],
  ["Customer email reply", "Help me answer a customer who was charged twice.", "Start by apologising, then…"],
  ["Idées de noms de produit", "Propose des noms pour notre nouvel outil.", "Quelques pistes : Lumen, Atlas…"],
  ["SQL query review", "Is this query using the index?", "It scans the table because…"],
  ["Plan de formation", "Prépare un plan de formation sur deux semaines.", "Semaine 1 : les bases…"],
];

/** Writes the demo organizations; an organization whose first person already exists is left as it is. */
export async function seedDemo(db: Db): Promise<{ created: string[] }> {
  const passwordHash = await hashPassword(demoPassword);
  const created: string[] = [];
  for (const demo of demoOrganizations) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, demo.people[0]!.email));
    if (existing) continue;
    await db.transaction(async (tx) => {
      const [organization] = await tx.insert(organizations).values({ name: demo.name, plan: demo.plan }).returning();
      const people = await tx
        .insert(users)
        .values(demo.people.map((person) => ({ ...person, organizationId: organization!.id, passwordHash })))
        .returning();
      for (const person of people) {
        for (let index = 0; index < demo.chatsPerPerson; index += 1) {
          const [title, question, answer] = topics[index % topics.length]!;
          const [chat] = await tx
            .insert(chats)
            .values({ organizationId: organization!.id, userId: person.id, title: title! })
            .returning({ id: chats.id });
          await tx.insert(messages).values([
            { chatId: chat!.id, author: "user", body: question! },
            { chatId: chat!.id, author: "assistant", body: answer! },
          ]);
        }
      }
      await writeHistory(tx, organization!.id, people, demo.history);
    });
    created.push(demo.name);
  }
  return { created };
}

async function writeHistory(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], organizationId: string, people: User[], history: DemoEvent[]) {
  for (const [index, { by, ...event }] of history.entries()) {
    const actorId = people.find((person) => person.email === by)?.id ?? null;
    await recordAudit(tx, { organizationId, actorId, ...event, context: demoContexts[index % demoContexts.length] });
  }
}

/** Demo accounts have a published password: in development by default, in production only with SEED_DEMO=true. */
export function shouldSeedDemo(env: Record<string, string | undefined> = process.env): boolean {
  if (env.SEED_DEMO === "true") return true;
  if (env.SEED_DEMO === "false") return false;
  return env.NODE_ENV !== "production";
}

/** First start of an embedded database: seed it when nobody has an account yet. */
export async function seedIfEmpty(db: Db): Promise<void> {
  const [row] = await db.select({ value: count() }).from(users);
  if ((row?.value ?? 0) === 0) await seedDemo(db);
}
