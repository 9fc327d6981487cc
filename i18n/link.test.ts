import { localizedHref } from "./link";

describe("links inside the console's locale", () => {
  it("prefix an address with the locale, keeping its query and section", () => {
    expect(localizedHref("en", "/admin/members")).toBe("/en/admin/members");
    expect(localizedHref("fr", "/")).toBe("/fr");
    expect(localizedHref("en", "/admin/members#join-requests")).toBe("/en/admin/members#join-requests");
    expect(localizedHref("fr", { pathname: "/admin/members", query: { remove: "a b&c" } })).toBe("/fr/admin/members?remove=a+b%26c");
    expect(localizedHref("en", { pathname: "/sso", query: {} })).toBe("/en/sso");
    expect(localizedHref("en", { pathname: "/admin/audit", query: { action: undefined, page: "2" } })).toBe("/en/admin/audit?page=2");
  });
});
