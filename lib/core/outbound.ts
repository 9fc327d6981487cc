import "server-only";
import { BlockList, isIP } from "node:net";
import { Resolver } from "node:dns/promises";
import { lookup as systemLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { configuredDnsServers } from "./dns-servers";

/**
 * Outbound HTTP to addresses customers choose (audit webhooks): https only; the name is resolved and
 * every address checked inside the socket's own lookup, at connect time, so a DNS answer that changes
 * between a check and the connection (rebinding) cannot reach loopback, private, link-local, metadata,
 * unique-local or shared (CGNAT) addresses; redirects are not followed; at most a few KB of the
 * answer is read; 10 s in all. `WEBHOOK_ALLOW_LOOPBACK=true` (tests and benchmarks only) lets loopback
 * through, and plain http to a loopback address.
 */

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // shared address space (CGNAT), also Alibaba's metadata 100.100.100.200
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, the cloud metadata address 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 127], // unspecified and loopback
  ["64:ff9b::", 96], // NAT64 reaches IPv4 behind it
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 32], // Teredo
  ["2001:db8::", 32],
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local, including AWS's metadata fd00:ec2::254
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) blocked.addSubnet(network, prefix, "ipv6");

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

export const loopbackAllowed = () => process.env.WEBHOOK_ALLOW_LOOPBACK === "true";

/** Why an address may not be reached, or null when it may. */
export function refusedAddress(address: string, allowLoopback = loopbackAllowed()): "loopback" | "private" | null {
  const family = isIP(address);
  if (family === 0) return "private";
  const mapped = family === 6 ? mappedIpv4(address) : null;
  if (mapped) return refusedAddress(mapped, allowLoopback);
  const type = family === 4 ? "ipv4" : "ipv6";
  if (loopback.check(address, type)) return allowLoopback ? null : "loopback";
  return blocked.check(address, type) ? "private" : null;
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d, or ::ffff:7f00:1 as URLs write it). */
function mappedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = lower.match(/^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1];
  if (dotted) return dotted;
  const hex = lower.match(/^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export type OutboundRefusal = "invalidUrl" | "notHttps" | "loopback" | "private" | "unresolved";

/** Checks what can be checked before any lookup: the URL's shape, its scheme, a literal address. */
export function checkOutboundUrl(raw: string): { ok: true; url: URL } | { ok: false; error: OutboundRefusal } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: "invalidUrl" };
  }
  if (url.username || url.password || !url.hostname || raw.length > 2000) return { ok: false, error: "invalidUrl" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host) !== 0;
  if (url.protocol !== "https:") {
    // Plain http only to a loopback literal, and only where the test setting allows loopback.
    const plainAllowed = url.protocol === "http:" && loopbackAllowed() && literal && refusedAddress(host, false) === "loopback";
    if (!plainAllowed) return { ok: false, error: "notHttps" };
  }
  if (literal) {
    const refusal = refusedAddress(host);
    if (refusal) return { ok: false, error: refusal };
  }
  return { ok: true, url };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

class RefusedAddressError extends Error {
  constructor(readonly refusal: "loopback" | "private") {
    super(`refused address (${refusal})`);
  }
}

/** The socket's lookup: resolve (through DNS_SERVER when set), refuse the name if any address is refused. */
function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  const answer = (addresses: string[]) => {
    const refusal = addresses.map((address) => refusedAddress(address)).find(Boolean);
    if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
    if (refusal) return callback(new RefusedAddressError(refusal), []);
    if (options.all) return callback(null, addresses.map((address) => ({ address, family: isIP(address) })));
    callback(null, addresses[0]!, isIP(addresses[0]!));
  };
  const servers = configuredDnsServers();
  if (servers.length === 0) {
    systemLookup(hostname, { all: true }, (error, addresses) => (error ? callback(error, []) : answer(addresses.map((entry) => entry.address))));
    return;
  }
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers(servers);
  void Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]).then(([v4, v6]) => {
    const addresses = [...(v4.status === "fulfilled" ? v4.value : []), ...(v6.status === "fulfilled" ? v6.value : [])];
    answer(addresses);
  });
}

export type OutboundResponse = { status: number; body: string; latencyMs: number };
export type OutboundFailure = { error: OutboundRefusal | "timeout" | "network"; detail?: string; latencyMs: number };

export const outboundTimeoutMs = 10_000;
export const outboundBodyLimitBytes = 4096;

/** POSTs a body to a customer's URL under the rules above. A refusal or failure is returned, never thrown. */
export async function postOutbound(
  raw: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<{ ok: true; response: OutboundResponse } | ({ ok: false } & OutboundFailure)> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const checked = checkOutboundUrl(raw);
  if (!checked.ok) return { ok: false, error: checked.error, latencyMs: 0 };
  const { url } = checked;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Awaited<ReturnType<typeof postOutbound>>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "OrgConsole-Webhooks/1", ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup as unknown as typeof systemLookup,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          request.destroy();
          finish({ ok: true, response: { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), latencyMs: latency() } });
        };
        response.on("data", (chunk: Buffer) => {
          const room = outboundBodyLimitBytes - size;
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size += chunk.length;
          // Enough read: the rest of the answer is never downloaded.
          if (size >= outboundBodyLimitBytes) done();
        });
        response.on("end", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, error: "timeout", latencyMs: latency() });
    }, options.timeoutMs ?? outboundTimeoutMs);
    request.on("error", (error) => {
      if (error instanceof RefusedAddressError) return finish({ ok: false, error: error.refusal, latencyMs: latency() });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOTFOUND" || code === "ENODATA") return finish({ ok: false, error: "unresolved", latencyMs: latency() });
      finish({ ok: false, error: "network", detail: code ?? error.message.slice(0, 200), latencyMs: latency() });
    });
    request.end(body);
  });
}
