import { clearedRequestCookie, requestCookie, requestIdOfBrowser } from "./request-cookie";

const organizationId = "0b5d0a3e-3f43-4d5e-9f0e-6a1f7c1d2e3f";
const requestId = `_${"ab".repeat(20)}`;

describe("the cookie that binds an AuthnRequest to its browser", () => {
  it("on https: HttpOnly, Secure, SameSite=None (the IdP posts cross-site), only for this organization's ACS, short-lived", () => {
    const cookie = requestCookie("https://console.example.com", organizationId, requestId);
    expect(cookie).toMatch(new RegExp(`^__Secure-saml-request=${requestId}; Max-Age=600; `));
    expect(cookie).toContain(`Path=/api/saml/${organizationId}/acs`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=None");
  });

  it("on plain http: HttpOnly without Secure, which browsers would drop", () => {
    const cookie = requestCookie("http://127.0.0.1:3000", organizationId, requestId);
    expect(cookie).toMatch(/^saml-request=/);
    expect(cookie).not.toMatch(/Secure|SameSite=None/);
    expect(clearedRequestCookie("http://127.0.0.1:3000", organizationId)).toMatch(/^saml-request=; Max-Age=0; /);
  });

  it("reads the ID back from the Cookie header, and nothing else", () => {
    const origin = "https://console.example.com";
    expect(requestIdOfBrowser(`a=b; __Secure-saml-request=${requestId}`, origin)).toBe(requestId);
    expect(requestIdOfBrowser(`saml-request=${requestId}`, origin)).toBeNull();
    expect(requestIdOfBrowser("__Secure-saml-request=<script>", origin)).toBeNull();
    expect(requestIdOfBrowser(null, origin)).toBeNull();
  });
});
