import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { jobs } from "@/db/schema";
import { openTestDatabase } from "@/tests/support/db";
import { dailyTasks, maintenancePeriod, scheduleMaintenance, type DailyTasks } from "./maintenance";
import { defaultWorkerOptions, startWorker } from "./worker";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(20);
}

describe("the daily maintenance round", () => {
  it("runs once per period however many workers poll, and again the next day", async () => {
    const runs: string[] = [];
    let clock = new Date("2031-03-01T00:00:05Z");
    const tasks: DailyTasks = {
      counted: async (_db, now) => {
        runs.push(maintenancePeriod(now));
        // Long enough for every other worker to poll meanwhile.
        await sleep(100);
      },
    };
    const workers = Array.from({ length: 4 }, () => startWorker(database.db, { ...defaultWorkerOptions, pollMs: 15, leaseMs: 60_000, dailyTasks: tasks, now: () => clock }));
    try {
      await until(() => runs.length > 0);
      await sleep(500);
      expect(runs).toEqual(["2031-03-01"]);

      clock = new Date("2031-03-02T00:00:01Z");
      workers.forEach((worker) => worker.wake());
      await until(() => runs.length > 1);
      await sleep(500);
      expect(runs).toEqual(["2031-03-01", "2031-03-02"]);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    const rounds = await database.db.select().from(jobs).where(eq(jobs.kind, "maintenance"));
    expect(rounds.map((round) => [round.period, round.state, round.progress.tasks]).sort()).toEqual([
      ["2031-03-01", "done", { counted: "done" }],
      ["2031-03-02", "done", { counted: "done" }],
    ]);
  });

  it("scheduling the same period twice, even at once, keeps one round", async () => {
    const now = new Date("2031-04-01T08:00:00Z");
    const created = await Promise.all(Array.from({ length: 5 }, () => scheduleMaintenance(database.db, now)));
    expect(created.filter(Boolean)).toHaveLength(1);
  });

  it("a failing task is marked and the others still run", async () => {
    const ran: string[] = [];
    const tasks: DailyTasks = {
      broken: async () => {
        throw new Error("boom");
      },
      fine: async () => void ran.push("fine"),
    };
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const clock = new Date("2031-05-01T00:00:00Z");
    const worker = startWorker(database.db, { ...defaultWorkerOptions, pollMs: 15, dailyTasks: tasks, now: () => clock });
    try {
      await until(() => ran.length > 0);
      await sleep(100);
    } finally {
      await worker.stop();
      error.mockRestore();
    }
    const [round] = await database.db.select().from(jobs).where(eq(jobs.period, "2031-05-01"));
    expect(round).toMatchObject({ state: "done", progress: { tasks: { broken: "failed", fine: "done" } } });
  });

  it("the round holds the domain re-check, the spent email-link clean-up, the old-session and the API idempotency clean-ups", () => {
    expect(Object.keys(dailyTasks)).toEqual(["domainRechecks", "spentEmailTokens", "oldSessions", "apiIdempotency"]);
  });
});
