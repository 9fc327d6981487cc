import "server-only";
// `npm run db:backup -- FILE`: a consistent copy of the database in FILE (never overwritten).
// Embedded PGlite: the running server takes it (only it may open the folder). PostgreSQL (DATABASE_URL):
// pg_dump's custom format, run here when pg_dump is on the PATH, else the command to run is printed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { embeddedDataDir } from "@/db";
import { fetchEmbeddedBackup, pgToolConnection, writeFileAtomically } from "./backup";

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file.startsWith("-")) {
    console.error("Usage: npm run db:backup -- FILE");
    return 2;
  }
  if (fs.existsSync(file)) {
    console.error(`${file} exists already: choose a new name (a backup never overwrites a file).`);
    return 2;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const { url, env } = pgToolConnection(databaseUrl);
    const args = ["--format=custom", "--no-owner", `--file=${file}`, `--dbname=${url}`];
    const command = `pg_dump ${args.map((arg) => `'${arg}'`).join(" ")}`;
    const found = spawnSync("pg_dump", ["--version"], { encoding: "utf8" });
    if (found.error) {
      console.log(`pg_dump is not on this machine's PATH. On a machine with PostgreSQL's client tools, run (the password, if any, in PGPASSWORD):\n  ${command}`);
      return 2;
    }
    console.log(`${found.stdout.trim()}: ${command}`);
    const dumped = spawnSync("pg_dump", args, { stdio: "inherit", env: { ...process.env, ...env } });
    if (dumped.status !== 0) return 1;
    console.log(`Backup written to ${file} (${fs.statSync(file).size.toLocaleString("en")} bytes). Restore it with pg_restore (README, Running in production).`);
    return 0;
  }
  const started = performance.now();
  const result = await fetchEmbeddedBackup(embeddedDataDir());
  if (!result.ok) {
    if (result.error === "noServer") console.error("The embedded database is copied by the running server: start it (npm start or npm run dev), then run this again.");
    else if (result.error === "serverRefused") console.error(`The server answered ${result.detail}: is it the one started from this folder?`);
    else console.error(`The server did not answer (${result.detail}): start it, then run this again.`);
    return 1;
  }
  writeFileAtomically(file, result.bytes);
  console.log(`Backup of ${embeddedDataDir()} written to ${file} (${result.bytes.byteLength.toLocaleString("en")} bytes, ${Math.round(performance.now() - started)} ms). Restore it with npm run db:restore -- ${file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[db:backup] failed", error);
    process.exit(1);
  },
);
