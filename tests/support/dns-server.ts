import dns2 from "dns2";
import { createTxtLookup, type TxtLookup } from "@/lib/domains/dns";

/**
 * A DNS server on loopback that answers TXT questions from a table the test controls.
 * Names missing from the table answer NXDOMAIN; names mapped to "servfail" answer SERVFAIL.
 */
export async function startDnsServer(options: { port?: number } = {}) {
  const records = new Map<string, string[] | "servfail">();
  const addresses = new Map<string, string[]>();
  const { Packet } = dns2;
  const server = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const [question] = request.questions;
    const name = question?.name.toLowerCase().replace(/\.$/, "") ?? "";
    const entry = records.get(name);
    const hosts = addresses.get(name);
    if (hosts && (question?.type === Packet.TYPE.A || question?.type === Packet.TYPE.AAAA)) {
      const type = question.type === Packet.TYPE.A ? Packet.TYPE.A : Packet.TYPE.AAAA;
      for (const address of hosts.filter((host) => host.includes(":") === (type === Packet.TYPE.AAAA))) {
        const answer = { name: question.name, type, class: Packet.CLASS.IN, ttl: 0, address };
        response.answers.push(answer as unknown as (typeof response.answers)[number]);
      }
    } else if (entry === "servfail") response.header.rcode = Packet.RCODE.SERVFAIL;
    else if (!entry) response.header.rcode = Packet.RCODE.NXDOMAIN;
    else if (question?.type === Packet.TYPE.TXT) {
      for (const value of entry) {
        // dns2's types describe parsed resources; the encoder only needs these fields.
        const answer = { name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data: value };
        response.answers.push(answer as unknown as (typeof response.answers)[number]);
      }
    }
    send(response);
  });
  await server.listen(options.port ?? 0, "127.0.0.1");
  const { port } = server.address();
  return {
    address: `127.0.0.1:${port}`,
    setTxt(name: string, values: string[] | "servfail") {
      records.set(name.toLowerCase(), values);
    },
    /** Answers A and AAAA questions for this name (what an outbound connection resolves). */
    setAddresses(name: string, values: string[]) {
      addresses.set(name.toLowerCase(), values);
    },
    clear(name: string) {
      records.delete(name.toLowerCase());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * This test file's DNS server and a resolver that asks it, started before its tests and stopped
 * after them: `const dns = dnsServerForThisFile();`, then `dns.setTxt(…)` and `dns.lookup`.
 */
export function dnsServerForThisFile() {
  const handle = {} as Awaited<ReturnType<typeof startDnsServer>> & { lookup: TxtLookup };
  beforeAll(async () => {
    const server = await startDnsServer();
    Object.assign(handle, server, { lookup: createTxtLookup([server.address], 1000) });
  });
  afterAll(async () => {
    await handle.close();
  });
  return handle;
}
