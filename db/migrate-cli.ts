import { getDatabase } from "./index";

async function main() {
  process.env.SEED_DEMO = "false";
  const database = await getDatabase();
  console.log(`Migrations applied (${database.driver}).`);
  await database.close();
}

void main();
