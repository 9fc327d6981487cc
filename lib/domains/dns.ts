import { Resolver } from "node:dns/promises";
import { domainToASCII } from "node:url";
import { z } from "zod";
import { configuredDnsServers } from "@/lib/core/dns-servers";

/** Where the TXT record lives and what it holds: `_org-console.<domain>` → `org-console-verification=<token>`. */
export const verificationLabel = "_org-console";
export const verificationValuePrefix = "org-console-verification=";

export function verificationRecordName(domain: string): string {
  return `${verificationLabel}.${domain}`;
}

export function verificationRecordValue(token: string): string {
  return `${verificationValuePrefix}${token}`;
}

const hostname = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])$/;

/** A domain name as typed ("@Example.COM.", "exemple.fr", "bücher.de"), normalized to lower-case ASCII. */
export const domainName = z
  .string({ error: "required" })
  .trim()
  .transform((value) => value.replace(/^@/, "").replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .min(1, { error: "required" })
      .max(253, { error: "invalidDomain" })
      .transform((value) => domainToASCII(value.toLowerCase()))
      .pipe(z.string().regex(hostname, { error: "invalidDomain" })),
  );

/** What a TXT lookup found: records, nothing, or no answer at all (server down, timeout). */
export type TxtAnswer = { status: "found"; values: string[] } | { status: "notFound" } | { status: "failed"; code: string };

export type TxtLookup = (name: string) => Promise<TxtAnswer>;

export { configuredDnsServers };

export function createTxtLookup(servers = configuredDnsServers(), timeoutMs = 3000): TxtLookup {
  return async (name) => {
    const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
    if (servers.length > 0) resolver.setServers(servers);
    try {
      const records = await resolver.resolveTxt(name);
      return { status: "found", values: records.map((chunks) => chunks.join("")) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown";
      if (code === "ENOTFOUND" || code === "ENODATA") return { status: "notFound" };
      return { status: "failed", code };
    }
  };
}
