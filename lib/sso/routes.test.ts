import { safeReturnPath } from "./routes";

const origin = "https://console.example.com";

describe("where SSO lands after the identity provider", () => {
  it.each([
    ["/\t/evil.example/x"],
    ["/\n/evil.example/x"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["https://evil.example/en/studio"],
    ["/%0d%0a//evil.example".replace("%0d%0a", "\r\n")],
    ["/en/studio\u0000"],
    ["javascript:alert(1)"],
    [""],
    [42],
  ])("%j never leaves our origin: it lands on the Studio", (value) => {
    expect(safeReturnPath(value, "fr", origin)).toBe("/fr/studio");
    expect(new URL(safeReturnPath(value, "fr", origin), origin).origin).toBe(origin);
  });

  it("keeps a path of our own origin, with its query and fragment", () => {
    expect(safeReturnPath("/en/admin/members?tab=1#top", "en", origin)).toBe("/en/admin/members?tab=1#top");
    expect(safeReturnPath("/en/./admin/../studio", "en", origin)).toBe("/en/studio");
  });
});
