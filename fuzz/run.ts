// `npm run fuzz`: the domain fuzzer, then the HTTP fuzzer against `next start`; a table of runs and
// failures per target; exit code 1 on any failure. FUZZ_RUNS (default 10000) runs per domain target,
// FUZZ_QUICK=1 a smoke test (200), FUZZ_ONLY=domain|http one half, FUZZ_TARGET=regex some targets,
// FUZZ_JOBS (default 2) domain worker processes, FUZZ_SEED (+ FUZZ_PATH) replays what a target's line printed.
import { runDomainFuzz, serveDomainWorker } from "./domain";
import { runHttpFuzz } from "./http";
import { printTable, type TargetReport } from "./report";

process.env.SEED_DEMO = "false";
process.env.AUTH_SECRET ??= "fuzz-secret-not-for-production-0000000000000";
process.env.AUDIT_CHAIN_KEY ??= "fuzz-audit-chain-key-not-for-production-0000";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const quick = process.env.FUZZ_QUICK === "1" || process.argv.includes("--quick");
const runs = Number(process.env.FUZZ_RUNS ?? (quick ? 200 : 10_000));
const only = process.env.FUZZ_ONLY;
const target = process.env.FUZZ_TARGET ? new RegExp(process.env.FUZZ_TARGET) : undefined;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const replayPath = process.env.FUZZ_PATH || undefined;

async function main(): Promise<void> {
  const started = performance.now();
  const reports: TargetReport[] = [];
  if (only !== "http") {
    console.log(`Domain functions: ${runs} runs per target${seed === undefined ? "" : `, seed ${seed}`}`);
    reports.push(...(await runDomainFuzz({ runs, only: target, seed, path: replayPath })));
  }
  if (only !== "domain") {
    const httpRuns = Number(process.env.FUZZ_HTTP_RUNS ?? (quick ? 20 : 200));
    console.log(`HTTP: ${httpRuns} requests per route and identity`);
    reports.push(...(await runHttpFuzz({ runs: httpRuns, only: target, seed })));
  }
  printTable(reports);
  console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exit(reports.some((report) => report.failures > 0) ? 1 : 0);
}

// A promise that never settles, with nothing else pending, would end the process quietly with 0.
let finished = false;
process.on("beforeExit", () => {
  if (finished) return;
  console.error("fuzz: the event loop drained before the run ended: a call never settled (a hang)");
  process.exit(1);
});
// FUZZ_WORKER_DIR: this process is one of the domain fuzzer's workers (fuzz/domain.ts forks it).
const workerDir = process.env.FUZZ_WORKER_DIR;
if (workerDir) void serveDomainWorker(workerDir).then(() => (finished = true));
else void main().then(() => (finished = true));
