import { sql } from "drizzle-orm";
import { fail } from "@/lib/core/result";
import { fuzzTarget, seed, type DomainTarget, type Seeded } from "@/fuzz/domain";

// The domain fuzzer's promise: a refusal that changed anything is caught, whatever it changed, while
// a refusal that only counted a throttle (where the target says it must) passes. Deliberately leaky
// functions stand in for the forms here; the snapshot behind it is a WAL position, then table hashes.
describe("the domain fuzzer", () => {
  let seeded: Seeded;
  const previousShrink = process.env.FUZZ_SHRINK;

  beforeAll(async () => {
    process.env.FUZZ_SHRINK = "0";
    seeded = await seed();
  }, 120_000);

  afterAll(() => {
    process.env.FUZZ_SHRINK = previousShrink;
  });

  const target = (name: string, call: DomainTarget["call"], extra: Partial<DomainTarget> = {}): DomainTarget => ({ name, fields: ["name"], call, ...extra });
  const options = { runs: 25, seed: 42 };

  test("a refusal that updated a row is a failure naming the table", async () => {
    const leaky = target("leaky.update", async (db) => {
      await db.execute(sql`update organizations set name = name || '!' where id = (select id from organizations order by id limit 1)`);
      return fail("validation");
    });
    const report = await fuzzTarget(leaky, seeded, options);
    expect(report.failures).toBe(1);
    expect(report.counterexample).toContain("refused (validation) but changed organizations");
    expect(report.counterexample).toMatch(/replay: FUZZ_SEED=42 FUZZ_PATH=\S+/);
  }, 60_000);

  test("a refusal that deleted a row, or inserted one into a table it may not count in, is a failure", async () => {
    const deletes = target("leaky.delete", async (db) => {
      await db.execute(sql`delete from invitations where id = (select id from invitations order by id limit 1)`);
      return fail("notFound");
    });
    expect((await fuzzTarget(deletes, seeded, options)).counterexample).toContain("changed invitations");
    const counts = target("leaky.count", async (db) => {
      await db.execute(sql`insert into sign_in_attempts (key, failures, window_started_at) values (${`fuzz-${crypto.randomUUID()}`}, 1, now())`);
      return fail("invalid");
    });
    expect((await fuzzTarget(counts, seeded, options)).counterexample).toContain("changed sign_in_attempts");
  }, 60_000);

  test("a refusal that only counts a throttle the target declares passes; so does one that writes nothing", async () => {
    const counts = target(
      "throttled",
      async (db) => {
        await db.execute(sql`insert into sign_in_attempts (key, failures, window_started_at) values (${`fuzz-${crypto.randomUUID()}`}, 1, now())`);
        return fail("invalid");
      },
      { countsRefusals: ["sign_in_attempts"] },
    );
    expect(await fuzzTarget(counts, seeded, options)).toMatchObject({ runs: 25, failures: 0, refusals: 25 });
    const quiet = target("quiet", async () => fail("validation"));
    expect(await fuzzTarget(quiet, seeded, options)).toMatchObject({ runs: 25, failures: 0 });
  }, 60_000);

  test("a success may write; a throw or an answer that is no result is a failure", async () => {
    const writes = target("writes", async (db) => {
      await db.execute(sql`update organizations set name = name || '!' where id = (select id from organizations order by id limit 1)`);
      return { ok: true };
    });
    expect(await fuzzTarget(writes, seeded, options)).toMatchObject({ runs: 25, failures: 0 });
    const throws = target("throws", async () => {
      throw new TypeError("Cannot convert object to primitive value");
    });
    expect((await fuzzTarget(throws, seeded, options)).counterexample).toContain("threw TypeError: Cannot convert object to primitive value");
    const odd = target("odd", async () => "done");
    expect((await fuzzTarget(odd, seeded, options)).counterexample).toContain('answered "done", not a result');
  }, 60_000);
});
