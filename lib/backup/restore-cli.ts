import "server-only";
// `npm run db:restore -- FILE [--force]`: the embedded database of a `npm run db:backup` file, in a NEW
// folder (PGLITE_DIR, default .data/pglite), with the server stopped. --force moves an existing folder
// aside (never deletes it). On PostgreSQL (DATABASE_URL) the pg_restore command is printed, not run.
import { parseArgs } from "node:util";
import { embeddedDataDir } from "@/db";
import { pgToolConnection, restoreEmbeddedBackup } from "./backup";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  const file = positionals[0];
  if (!file || positionals.length !== 1) {
    console.error("Usage: npm run db:restore -- FILE [--force]");
    return 2;
  }
  if (process.env.DATABASE_URL) {
    const { url } = pgToolConnection(process.env.DATABASE_URL);
    console.log(
      `On PostgreSQL, restore a pg_dump file with pg_restore, into a new empty database (then point DATABASE_URL at it), the servers and workers stopped:\n` +
        `  createdb 'NEW_DATABASE'\n  pg_restore --no-owner --exit-on-error --dbname='postgres://…/NEW_DATABASE' '${file}'\n` +
        `(the password, if any, in PGPASSWORD). The current database is ${url}; this command changes nothing.`,
    );
    return 2;
  }
  const dataDir = embeddedDataDir();
  const started = performance.now();
  const result = await restoreEmbeddedBackup({ file, dataDir, force: values.force });
  if (!result.ok) {
    if (result.error === "serverRunning") console.error(`The server (process ${result.pid}) holds ${dataDir}: stop it, restore, then start it again.`);
    else if (result.error === "targetExists") console.error(`${dataDir} holds a database already: restore refuses to replace it. Add --force to move it aside (it is kept, renamed), or set PGLITE_DIR to a new folder.`);
    else if (result.error === "noFile") console.error(`No such file: ${file}`);
    else console.error(`${file} could not be restored (${result.detail}); ${dataDir} is as it was.`);
    return 1;
  }
  if (result.movedAside) console.log(`The previous database was moved aside to ${result.movedAside}.`);
  const { counts } = result;
  console.log(
    `Restored ${file} into ${dataDir} in ${Math.round(performance.now() - started)} ms: ${counts.organizations} organizations, ${counts.users} people, ${counts.chats} chats, ${counts.messages} messages, ${counts.auditEvents} audit events, ${counts.unfinishedJobs} unfinished jobs (they resume when the server starts).`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[db:restore] failed", error);
    process.exit(1);
  },
);
