import type { Database } from "@/db";
import { openTestDatabase } from "@/tests/support/db";

type Holder = { __orgConsoleDb?: { opening?: Promise<Database> } };
const holder = globalThis as Holder;

async function health() {
  const { GET } = await import("@/app/api/health/route");
  return GET();
}

describe("/api/health", () => {
  const savedUrl = process.env.DATABASE_URL;
  afterEach(() => {
    delete holder.__orgConsoleDb;
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });

  it("answers 200 and status ok when the database answers", async () => {
    const database = await openTestDatabase();
    holder.__orgConsoleDb = { opening: Promise.resolve(database) };
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    await database.close();
  });

  it("answers 503 when the database cannot be reached", async () => {
    // Port 1 on loopback refuses connections: a PostgreSQL that is down.
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nothing";
    const response = await health();
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ status: 503, code: "unavailable", database: "down" });
  });

  it("answers 503 when the database stops answering after start", async () => {
    const database = await openTestDatabase();
    holder.__orgConsoleDb = { opening: Promise.resolve(database) };
    await database.close();
    expect((await health()).status).toBe(503);
  });
});
