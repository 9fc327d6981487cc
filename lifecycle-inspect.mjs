import { PGlite } from "@electric-sql/pglite";
const db = new PGlite("/tmp/org-console-e2e-mne6gB/pglite");
const r = await db.query("select kind, state, attempts, progress, created_at, updated_at, locked_until, finished_at, error from jobs where kind <> 'maintenance' order by created_at");
console.log(JSON.stringify(r.rows, null, 1));
const e = await db.query("select job_id, size, created_at from organization_exports");
console.log(e.rows);
