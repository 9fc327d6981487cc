import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { dnsServerForThisFile } from "@/tests/support/dns-server";
import { checkOutboundUrl, postOutbound, refusedAddress } from "./outbound";

const dns = dnsServerForThisFile();

/** A TCP listener on loopback that only counts who connects: a refused request must never reach it. */
async function connectionCounter() {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function httpReceiver(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let counter: Awaited<ReturnType<typeof connectionCounter>>;
beforeAll(async () => {
  counter = await connectionCounter();
  process.env.DNS_SERVER = dns.address;
});
afterAll(async () => {
  await counter.close();
  delete process.env.DNS_SERVER;
});
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_LOOPBACK;
});

describe("outbound requests to customers' URLs", () => {
  it.each([
    ["https://127.0.0.1:PORT/hook", "loopback"],
    ["https://[::1]:PORT/hook", "loopback"],
    ["https://[::ffff:127.0.0.1]:PORT/hook", "loopback"],
    ["https://[::ffff:a9fe:a9fe]/", "private"],
    ["https://10.0.0.1/hook", "private"],
    ["https://169.254.169.254/latest/meta-data/", "private"],
    ["https://100.100.100.200/", "private"],
    ["https://[fd00:ec2::254]/", "private"],
    ["https://192.168.1.1/", "private"],
    ["http://example.com/hook", "notHttps"],
    ["ftp://example.com/hook", "notHttps"],
    ["https://user:secret@example.com/", "invalidUrl"],
    ["not a url", "invalidUrl"],
  ])("refuses %s (%s) without a connection", async (template, refusal) => {
    const before = counter.connections();
    const result = await postOutbound(template.replace("PORT", String(counter.port)), "{}", {});
    expect(result).toMatchObject({ ok: false, error: refusal });
    expect(counter.connections()).toBe(before);
  });

  it("refuses a hostname whose DNS answer is a private or loopback address, at connect time", async () => {
    dns.setAddresses("internal.example.test", ["127.0.0.1"]);
    dns.setAddresses("metadata.example.test", ["169.254.169.254"]);
    dns.setAddresses("mixed.example.test", ["93.184.215.14", "10.1.2.3"]);
    const before = counter.connections();
    expect(await postOutbound(`https://internal.example.test:${counter.port}/hook`, "{}", {})).toMatchObject({ ok: false, error: "loopback" });
    expect(await postOutbound("https://metadata.example.test/latest", "{}", {})).toMatchObject({ ok: false, error: "private" });
    expect(await postOutbound("https://mixed.example.test/", "{}", {})).toMatchObject({ ok: false, error: "private" });
    expect(await postOutbound("https://nowhere.example.test/", "{}", {})).toMatchObject({ ok: false, error: "unresolved" });
    expect(counter.connections()).toBe(before);
  });

  it("does not follow a redirect to an internal address, reads a few KB at most, and gives up after its timeout", async () => {
    process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
    const before = counter.connections();
    const redirecting = await httpReceiver((_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${counter.port}/internal` }).end();
    });
    const flooding = await httpReceiver((_request, response) => {
      response.writeHead(200);
      response.end("x".repeat(1024 * 1024));
    });
    const silent = await httpReceiver(() => {});
    try {
      expect(await postOutbound(`${redirecting.url}/hook`, "{}", {})).toMatchObject({ ok: true, response: { status: 302 } });
      expect(counter.connections()).toBe(before);
      const flooded = await postOutbound(`${flooding.url}/hook`, "{}", {});
      expect(flooded.ok && flooded.response.body.length).toBeLessThanOrEqual(4096);
      expect(await postOutbound(`${silent.url}/hook`, "{}", {}, { timeoutMs: 300 })).toMatchObject({ ok: false, error: "timeout" });
    } finally {
      await Promise.all([redirecting.close(), flooding.close(), silent.close()]);
    }
  });

  it("allows loopback, and plain http to a loopback address only, when the test-only setting is on", () => {
    expect(refusedAddress("127.0.0.1", true)).toBeNull();
    expect(refusedAddress("10.0.0.1", true)).toBe("private");
    process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
    expect(checkOutboundUrl("http://127.0.0.1:9/hook").ok).toBe(true);
    expect(checkOutboundUrl("http://example.com/hook")).toEqual({ ok: false, error: "notHttps" });
    expect(refusedAddress("93.184.215.14")).toBeNull();
    expect(refusedAddress("2606:4700::1111")).toBeNull();
  });
});
