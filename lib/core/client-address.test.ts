import { clientAddressFrom, clientAddressHeader, clientAddressStartupProblem } from "./client-address";

const spoofed = (extra: Record<string, string> = {}) => new Headers({ "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.67", ...extra });

describe("the client address", () => {
  it("never comes from a client-chosen X-Forwarded-For or X-Real-IP without a trusted proxy", () => {
    expect(clientAddressFrom(spoofed(), {})).toBeNull();
    expect(clientAddressFrom(spoofed({ [clientAddressHeader]: "203.0.113.68" }), {})).toBeNull();
  });

  it("behind our custom server, is the socket address it wrote, whatever the forwarding headers say", () => {
    const env = { ORG_CONSOLE_CUSTOM_SERVER: "true" };
    expect(clientAddressFrom(spoofed({ [clientAddressHeader]: "198.51.100.7" }), env)).toBe("198.51.100.7");
  });

  it("with TRUSTED_PROXIES=N, is the N-th X-Forwarded-For entry from the right", () => {
    const chain = new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.66, 198.51.100.7, 10.0.0.2" });
    expect(clientAddressFrom(chain, { TRUSTED_PROXIES: "1" })).toBe("10.0.0.2");
    expect(clientAddressFrom(chain, { TRUSTED_PROXIES: "2" })).toBe("198.51.100.7");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "10.0.0.2" }), { TRUSTED_PROXIES: "2" })).toBeNull();
  });

  it("production refuses to start with neither the custom server nor TRUSTED_PROXIES", () => {
    expect(clientAddressStartupProblem({ NODE_ENV: "production" })).toMatch(/^Org Console: start the server with `npm start`[^\n]*$/);
    expect(clientAddressStartupProblem({ NODE_ENV: "production", TRUSTED_PROXIES: "1" })).toBeNull();
    expect(clientAddressStartupProblem({ NODE_ENV: "production", ORG_CONSOLE_CUSTOM_SERVER: "true" })).toBeNull();
    expect(clientAddressStartupProblem({ NODE_ENV: "production", TRUSTED_PROXIES: "many" })).toMatch(/TRUSTED_PROXIES/);
  });
});
