import "server-only";
import { count, eq } from "drizzle-orm";
import { hashPassword } from "@/lib/core/passwords";
import type { Db } from "@/db";
import { chats, messages, organizations, users, type Locale, type Plan, type Role } from "@/db/schema";

export const demoPassword = "correct-horse-battery";

type DemoPerson = { email: string; name: string; role: Role; billing: boolean; locale: Locale };
type DemoOrganization = { name: string; plan: Plan; people: DemoPerson[]; chatsPerPerson: number };

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
  },
  {
    name: "Globex",
    plan: "free",
    chatsPerPerson: 4,
    people: [{ email: "owner@globex.example", name: "Gaston Globex", role: "admin", billing: true, locale: "fr" }],
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
    });
    created.push(demo.name);
  }
  return { created };
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
