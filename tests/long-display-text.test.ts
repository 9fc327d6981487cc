import { organizationName } from "@/lib/core/schemas";
import { chatTitle } from "@/lib/chats/chats";
import { graphemeCount } from "@/lib/core/display-text";

// A megabyte of text used to be segmented in full before its length was checked: minutes of CPU
// for one request. These finish at once now; before, each held the test past its timeout.
describe("very long display text", () => {
  const megabyte = "a".repeat(1_000_000);

  test("counting visible characters stops just past the limit asked for", () => {
    expect(graphemeCount(megabyte, 64)).toBe(65);
    expect(graphemeCount("👍🏽👍🏽", 64)).toBe(2);
  });

  test("a 1 MB organization name is refused as too long", () => {
    const parsed = organizationName.safeParse(megabyte);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("tooLong");
  });

  test("the limit counts visible characters, within a cap on code units", () => {
    const family = "👨‍👩‍👧‍👦";
    expect(organizationName.safeParse(family.repeat(64)).success).toBe(false);
    expect(organizationName.safeParse("é".repeat(64)).success).toBe(true);
    expect(organizationName.safeParse("é".repeat(65)).success).toBe(false);
  });

  test("a chat started with 1 MB of text is titled from its first 59 characters", () => {
    expect(chatTitle(megabyte)).toBe(`${"a".repeat(59)}…`);
    expect(chatTitle("Bonjour 👋🏽")).toBe("Bonjour 👋🏽");
  });
});
