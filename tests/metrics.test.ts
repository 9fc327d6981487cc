import { testDatabaseForThisFile } from "@/tests/support/db";
import { serveDatabase } from "@/tests/support/api";
import { countThrottleRefusal, metricsAccess, observeRequest, patternsOf, routeOf } from "@/lib/core/metrics";

const database = testDatabaseForThisFile();
const token = "metrics-token-for-tests-0123456789";

async function scrape(authorization?: string) {
  const { GET } = await import("@/app/api/metrics/route");
  return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
}

describe("/api/metrics", () => {
  const saved = process.env.METRICS_TOKEN;
  beforeAll(() => serveDatabase(database));
  afterEach(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = saved;
  });

  it("does not exist while METRICS_TOKEN is unset", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await scrape(`Bearer ${token}`)).status).toBe(404);
  });

  it("refuses a missing or wrong token with 401 and WWW-Authenticate, without a byte of metrics", async () => {
    process.env.METRICS_TOKEN = token;
    for (const authorization of [undefined, "Bearer wrong", `Basic ${token}`, `Bearer ${token}x`, "Bearer "]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain("http_requests_total");
    }
  });

  it("answers Prometheus text with requests by route pattern, jobs by state and process metrics to the token's holder", async () => {
    process.env.METRICS_TOKEN = token;
    observeRequest({ method: "GET", path: "/api/health", status: 200, seconds: 0.004 });
    countThrottleRefusal("email");
    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    for (const name of ["http_requests_total", "http_request_duration_seconds_bucket", "org_console_jobs", "org_console_job_batch_duration_seconds", "org_console_throttle_refusals_total", "org_console_mail_failures_total", "process_cpu_user_seconds_total"]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('org_console_throttle_refusals_total{throttle="email"} 1');
    expect(text).toContain("org_console_database_up 1");
  });

  it("the token is compared whole: a prefix or a different case is refused", () => {
    expect(metricsAccess(`Bearer ${token}`, token)).toBe("allowed");
    expect(metricsAccess(`bearer ${token}`, token)).toBe("allowed");
    expect(metricsAccess(`Bearer ${token.slice(0, -1)}`, token)).toBe("refused");
    expect(metricsAccess(`Bearer ${token.toUpperCase()}`, token)).toBe("refused");
    expect(metricsAccess(null, undefined)).toBe("disabled");
  });
});

describe("route labels", () => {
  const patterns = patternsOf(["/[locale]/admin/members", "/[locale]/admin/[...rest]", "/[locale]", "/api/v1/jobs/[jobId]", "/api/health"]);

  it("name the route pattern, never the raw path, so labels stay bounded", () => {
    expect(routeOf("/fr/admin/members", patterns)).toBe("/[locale]/admin/members");
    expect(routeOf("/en/admin/anything/else", patterns)).toBe("/[locale]/admin/[...rest]");
    expect(routeOf("/api/v1/jobs/3f2b5c1e-0000-4000-8000-000000000000", patterns)).toBe("/api/v1/jobs/[jobId]");
    expect(routeOf("/api/health", patterns)).toBe("/api/health");
    expect(routeOf("/wp-login.php/../../etc", patterns)).toBe("other");
    expect(routeOf("/_next/static/chunks/abc.js", patterns)).toBe("/_next/*");
  });
});
