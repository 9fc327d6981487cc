import "server-only";
import { parseArgs } from "node:util";
import { embeddedDataDir, openDatabase } from "@/db";
import { auditChainKey } from "@/lib/core/secrets";
import { readInternalApi } from "@/lib/core/internal-api";
import type { ChainVerification } from "./chain";
import { describeVerification, verifyOrganizations } from "./verification";

// `npm run audit:verify [-- --organization ID]`: walks each organization's audit chain and names the
// first event that fails; exits 1 if any chain is broken, 2 if it could not verify at all.
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { organization: { type: "string" } } });
  const organizationId = values.organization;
  if (organizationId && !/^[0-9a-f-]{36}$/i.test(organizationId)) {
    console.error(`Not an organization ID: ${organizationId}`);
    return 2;
  }
  const results = process.env.DATABASE_URL ? await verifyDirectly(process.env.DATABASE_URL, organizationId) : await askTheServer(organizationId);
  if (!results) return 2;
  for (const result of results) console.log(describeVerification(result));
  if (results.length === 0) console.log("No audit events to verify.");
  return results.every((result) => result.intact) ? 0 : 1;
}

async function verifyDirectly(url: string, organizationId?: string): Promise<ChainVerification[] | null> {
  auditChainKey({ create: false });
  const database = await openDatabase({ url });
  try {
    return await verifyOrganizations(database.db, organizationId);
  } finally {
    await database.close();
  }
}

/** The embedded database belongs to the running server: never opened from this second process. */
async function askTheServer(organizationId?: string): Promise<ChainVerification[] | null> {
  const api = readInternalApi(embeddedDataDir());
  if (!api) {
    console.error("The embedded database is opened by the server only: start it (npm run dev or npm start), then run this again.");
    return null;
  }
  try {
    const response = await fetch(`${api.url}/api/internal/audit-verify`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.token}`, "content-type": "application/json" },
      body: JSON.stringify(organizationId ? { organizationId } : {}),
    });
    if (!response.ok) {
      console.error(`The server answered ${response.status}: is it the one started from this folder?`);
      return null;
    }
    const { results } = (await response.json()) as { results: ChainVerification[] };
    return results;
  } catch (error) {
    console.error(`The server at ${api.url} did not answer (${(error as Error).message}): start it, then run this again.`);
    return null;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  },
);
