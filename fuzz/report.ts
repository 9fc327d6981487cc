/** One line of the final table. */
export type TargetReport = { target: string; runs: number; failures: number; refusals?: number; seconds: number; seed?: number; counterexample?: string };

export function printTable(reports: TargetReport[]): void {
  const width = Math.max(6, ...reports.map((report) => report.target.length));
  console.log(`\n${"target".padEnd(width)}  ${"runs".padStart(7)}  ${"failures".padStart(8)}  ${"time".padStart(8)}`);
  for (const report of reports) {
    console.log(`${report.target.padEnd(width)}  ${String(report.runs).padStart(7)}  ${String(report.failures).padStart(8)}  ${`${report.seconds.toFixed(1)} s`.padStart(8)}`);
    if (report.counterexample) console.log(`    first failure: ${report.counterexample}`);
  }
  const runs = reports.reduce((sum, report) => sum + report.runs, 0);
  const failures = reports.reduce((sum, report) => sum + report.failures, 0);
  const seconds = reports.reduce((sum, report) => sum + report.seconds, 0);
  console.log(`${"total".padEnd(width)}  ${String(runs).padStart(7)}  ${String(failures).padStart(8)}  ${`${seconds.toFixed(1)} s`.padStart(8)}`);
}
