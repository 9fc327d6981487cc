import { acceptsHost, configuredOrigin, originStartupProblem, publicOrigin, UntrustedHostError } from "@/lib/core/origin";
import { siteOrigin } from "@/lib/help/metadata";
import { publicOrigin as samlOrigin } from "@/lib/sso/routes";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

const forged = new Headers({ host: "attacker.example", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https" });

describe("the public origin", () => {
  it("is APP_URL whatever Host, X-Forwarded-Host or X-Forwarded-Proto a request sends", () => {
    setEnv({ APP_URL: "https://console.example.com/", AUTH_URL: undefined });
    expect(publicOrigin("attacker.example")).toBe("https://console.example.com");
    expect(samlOrigin({ headers: forged })).toBe("https://console.example.com");
    expect(siteOrigin(forged).origin).toBe("https://console.example.com");
  });

  it("accepts AUTH_URL as an alias of APP_URL", () => {
    setEnv({ APP_URL: undefined, AUTH_URL: "https://sso.example.com" });
    expect(configuredOrigin()).toBe("https://sso.example.com");
    expect(samlOrigin({ headers: forged })).toBe("https://sso.example.com");
  });

  it("in development without APP_URL, follows only a loopback Host and refuses any other", () => {
    setEnv({ APP_URL: undefined, AUTH_URL: undefined, NODE_ENV: "development" });
    expect(publicOrigin("localhost:3000")).toBe("http://localhost:3000");
    expect(publicOrigin("127.0.0.5:8080")).toBe("http://127.0.0.5:8080");
    expect(publicOrigin("[::1]:3000")).toBe("http://[::1]:3000");
    for (const host of ["attacker.example", "localhost.attacker.example", "127.0.0.1.attacker.example", "localhost@attacker.example", "", null]) {
      expect(() => publicOrigin(host)).toThrow(UntrustedHostError);
      expect(acceptsHost(host)).toBe(false);
    }
    expect(() => samlOrigin({ headers: forged })).toThrow(UntrustedHostError);
  });

  it("production without APP_URL cannot start, with a one-line reason", () => {
    expect(originStartupProblem({ NODE_ENV: "production" })).toMatch(/^Org Console: set APP_URL[^\n]*$/);
    expect(originStartupProblem({ NODE_ENV: "production", APP_URL: "https://console.example.com" })).toBeNull();
    expect(originStartupProblem({ NODE_ENV: "production", APP_URL: "console.example.com" })).toMatch(/not an absolute URL/);
    expect(originStartupProblem({ NODE_ENV: "development" })).toBeNull();
  });
});
