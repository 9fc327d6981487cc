import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { sectionAnswer } from "@/components/authentication/section-answer";
import type { FormState } from "@/lib/core/form-state";
import { sectionMessagesOf, ssoMessagesOf } from "./answers";

// What an Authentication form's action answers (`answered`), in the given language.
function answered(state: FormState, locale: "en" | "fr"): FormState {
  const messages = locale === "fr" ? fr : en;
  const section = createTranslator({ locale, messages, namespace: "AuthenticationPage.messages" });
  const errors = createTranslator({ locale, messages, namespace: "Errors" });
  return { ...state, messages: sectionMessagesOf(state, section as never, errors as never) };
}

describe("the Authentication forms' answers, translated by their actions", () => {
  it("says nothing before the first submission", () => {
    const answer = sectionAnswer({ status: "idle" });
    expect(answer.outcome).toBeNull();
    expect(answer.fieldError("domain")).toBeUndefined();
  });

  it("says a success with the facts the action sent", () => {
    const answer = sectionAnswer(answered({ status: "success", code: "added", data: { domain: "example.com" } }, "en"));
    expect(answer.outcome).toBe(en.AuthenticationPage.messages.added.replace("{domain}", "example.com"));
  });

  it("fills in the names only the page knows, and the action's facts, in French", () => {
    const state = answered({ status: "error", code: "wrongValue", data: { found: "“x”" } }, "fr");
    const answer = sectionAnswer(state, { name: "_org-console.example.com", expected: "org-console=abc", domain: "example.com" });
    expect(answer.outcome).toBe(
      fr.AuthenticationPage.messages.wrongValue.replace("{name}", "_org-console.example.com").replace("{found}", "“x”").replace("{expected}", "org-console=abc"),
    );
  });

  it("prefers the page's words for its codes, then the shared Errors, then the generic message", () => {
    const domain = sectionAnswer(answered({ status: "error", code: "validation", fields: { domain: ["invalidDomain"] } }, "en"));
    expect(domain.fieldError("domain")).toEqual([en.AuthenticationPage.messages.invalidDomain]);
    expect(domain.summaryTitle).toBe(en.Errors.summaryTitle);
    expect(sectionAnswer(answered({ status: "error", code: "forbidden" }, "en")).outcome).toBe(en.Errors.forbidden);
    expect(sectionAnswer(answered({ status: "error", code: "noSuchCode" }, "en")).outcome).toBe(en.Errors.generic);
  });

  it("says the identity provider forms' refusals in their own words, each form as it did in the browser", () => {
    const sso = (state: FormState, form: "connection" | "metadata", locale: "en" | "fr") => {
      const messages = locale === "fr" ? fr : en;
      const t = createTranslator({ locale, messages, namespace: "Sso" });
      const errors = createTranslator({ locale, messages, namespace: "Errors" });
      return ssoMessagesOf(state, form, t as never, errors as never).errors;
    };
    expect(sso({ status: "error", code: "validation", fields: { idpMetadata: ["metadataDoctype"] } }, "metadata", "fr").metadataDoctype).toBe(fr.Sso.metadataErrors.metadataDoctype);
    expect(sso({ status: "error", code: "planRequired" }, "metadata", "en").planRequired).toBe(en.Sso.settings.planRequired);
    expect(sso({ status: "error", code: "planRequired" }, "connection", "en").planRequired).toBe(en.Errors.planRequired);
    expect(sso({ status: "error", code: "validation", fields: { idpSsoUrl: ["invalidUrl"] } }, "connection", "en").invalidUrl).toBe(en.Sso.connection.invalidUrl);
  });

  it("says the identity provider forms' success, and what the metadata gave, so the page carries neither", () => {
    const sso = (state: FormState, form: "connection" | "metadata", locale: "en" | "fr") => {
      const messages = locale === "fr" ? fr : en;
      return ssoMessagesOf(state, form, createTranslator({ locale, messages, namespace: "Sso" }) as never, createTranslator({ locale, messages, namespace: "Errors" }) as never);
    };
    expect(sso({ status: "success", code: "saved" }, "connection", "en").notice).toBe(en.Sso.connection.saved);
    const read = sso({ status: "success", code: "savedFromMetadata", data: { entityId: "https://idp.example/e", ssoUrl: "https://idp.example/sso", certificates: 2, expired: 1 } }, "metadata", "fr");
    expect(read.notice).toBe(fr.Sso.metadata.saved);
    expect(read.details).toHaveLength(4);
    expect(read.details?.[0]).toContain("https://idp.example/e");
    expect(read.details?.[2]).toMatch(/^2 /);
    const none = sso({ status: "success", code: "savedFromMetadata", data: { entityId: "e", ssoUrl: "u", certificates: 1, expired: 0 } }, "metadata", "en");
    expect(none.details).toEqual([en.Sso.metadata.readEntityId.replace("{value}", "e"), en.Sso.metadata.readSsoUrl.replace("{value}", "u"), "1 signing certificate kept"]);
  });
});
