import "server-only";
import { getDatabase } from "@/db";
import { seedDemo } from "./seed";

async function main() {
  process.env.SEED_DEMO = "false";
  const database = await getDatabase();
  const { created } = await seedDemo(database.db);
  console.log(created.length > 0 ? `Seeded: ${created.join(", ")}` : "Demo data already present; nothing to do.");
  await database.close();
}

void main();
