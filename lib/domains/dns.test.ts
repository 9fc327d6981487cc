import { isConsumerDomain } from "./consumer-domains";
import { configuredDnsServers, domainName, verificationRecordName, verificationRecordValue } from "./dns";
import { checkRecord } from "./domains";

describe("domain names", () => {
  it("normalizes what people paste: case, a leading @, a trailing dot, international names", () => {
    expect(domainName.parse(" @Example.COM. ")).toBe("example.com");
    expect(domainName.parse("bücher.de")).toBe("xn--bcher-kva.de");
    expect(domainName.parse("mail.sub.example.co.uk")).toBe("mail.sub.example.co.uk");
  });

  it("refuses what is not a domain name, with codes", () => {
    for (const value of ["", "   ", "localhost", "http://example.com", "a b.com", "example..com", "-x.example", "x.123"]) {
      const result = domainName.safeParse(value);
      expect(result.success).toBe(false);
      expect(["required", "invalidDomain"]).toContain(result.error?.issues[0]?.message);
    }
  });
});

describe("consumer mail domains", () => {
  it("are recognized with their subdomains, whatever the case", () => {
    expect(isConsumerDomain("gmail.com")).toBe(true);
    expect(isConsumerDomain("GMAIL.com")).toBe(true);
    expect(isConsumerDomain("eu.outlook.com")).toBe(true);
    expect(isConsumerDomain("gmail.com.example")).toBe(false);
    expect(isConsumerDomain("notgmail.com")).toBe(false);
  });
});

describe("the verification record", () => {
  it("lives under _org-console and holds the token", () => {
    expect(verificationRecordName("example.com")).toBe("_org-console.example.com");
    expect(verificationRecordValue("abc")).toBe("org-console-verification=abc");
  });

  it("says precisely what a lookup found", () => {
    expect(checkRecord({ status: "found", values: ["x", "org-console-verification=abc"] }, "abc")).toEqual({ outcome: "verified" });
    expect(checkRecord({ status: "found", values: ["org-console-verification=abd"] }, "abc")).toEqual({ outcome: "wrongValue", found: ["org-console-verification=abd"] });
    expect(checkRecord({ status: "found", values: [] }, "abc")).toEqual({ outcome: "notFound" });
    expect(checkRecord({ status: "notFound" }, "abc")).toEqual({ outcome: "notFound" });
    expect(checkRecord({ status: "failed", code: "ETIMEOUT" }, "abc")).toEqual({ outcome: "lookupFailed", code: "ETIMEOUT" });
  });

  it("reads DNS servers from DNS_SERVER, comma-separated", () => {
    expect(configuredDnsServers("127.0.0.1:5353, 10.0.0.1")).toEqual(["127.0.0.1:5353", "10.0.0.1"]);
    expect(configuredDnsServers("")).toEqual([]);
  });
});
