import assert from "node:assert/strict";
import http from "node:http";
import { describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { baseUrl, newPage, signUpOrganization, uniqueEmail } from "./support";
import { needsDns, organizationWithVerifiedDomain, setJoinMode, startBrowserAndDns } from "./support-domains";
import { mailCount, waitForMail } from "./support-mail";
import { choosePlan } from "./support-members";

// Link poisoning: whoever sends a forged Host (or X-Forwarded-Host/-Proto) must never see it in a mail.
const setup = startBrowserAndDns();
const forged = { host: "attacker.example", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https", origin: "https://attacker.example" };

function request(method: "GET" | "POST", path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; text: string }> {
  const target = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method, headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const unescape = (value: string) => value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Submits a page's form as a browser without JavaScript would, every header forged: Next's hidden action fields, then ours. */
async function postFormWithForgedHost(path: string, fields: Record<string, string>, cookie = "", lies: Record<string, string> = forged) {
  const page = await request("GET", path, { ...lies, cookie });
  assert.equal(page.status, 200, `GET ${path} with a forged Host`);
  // The page's form that asks for every field we send.
  const forms = page.text.split("<form").slice(1).map((form) => form.split("</form>")[0]!);
  const form = forms.find((candidate) => Object.keys(fields).every((name) => candidate.includes(`name="${name}"`)));
  assert.ok(form, `a form with ${Object.keys(fields).join(", ")} on ${path}`);
  const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value]) => [name!, unescape(value ?? "")]);
  const boundary = `----forged${Date.now()}`;
  const parts = [...hidden, ...Object.entries(fields)].map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const body = Buffer.from(`${parts.join("")}--${boundary}--\r\n`);
  return request("POST", path, { ...lies, cookie, "content-type": `multipart/form-data; boundary=${boundary}` }, body);
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

function assertOurOrigin(link: string | undefined) {
  assert.ok(link, "the mail carries a link");
  assert.equal(new URL(link).origin, new URL(baseUrl).origin);
  assert.doesNotMatch(link, /attacker/);
}

describe("a forged Host never reaches a mail", () => {
  it("password reset: the emailed link names the public origin", async () => {
    const { page } = await newPage(setup.browser());
    const { email } = await signUpOrganization(page);
    const before = mailCount(email);
    await postFormWithForgedHost("/en/forgot-password", { email });
    assertOurOrigin((await waitForMail(email, { previous: before })).link);
  });

  it("invitation: the emailed link names the public origin", async () => {
    const { context, page } = await newPage(setup.browser());
    await signUpOrganization(page);
    await choosePlan(page, "team");
    const invitee = uniqueEmail("invitee");
    // X-Forwarded-Proto: https would make Auth.js look for the __Secure- session cookie, and the Admin would be signed out.
    const { "x-forwarded-proto": _proto, ...lies } = forged;
    await postFormWithForgedHost("/en/admin/members", { email: invitee, role: "member" }, await cookieHeader(context), { ...lies, origin: "http://attacker.example" });
    assertOurOrigin((await waitForMail(invitee)).link);
  });

  it("join confirmation: the emailed link names the public origin", needsDns, async () => {
    const { page } = await newPage(setup.browser());
    const { domain } = await organizationWithVerifiedDomain(page, "team", setup.dns()!);
    await setJoinMode(page, domain, "auto");
    const email = `newcomer-${Date.now()}@${domain}`;
    await postFormWithForgedHost("/en/sign-up", { organizationName: "Ignored", name: "Newcomer", email, password: "a-long-e2e-password" });
    assertOurOrigin((await waitForMail(email)).link);
  });
});
