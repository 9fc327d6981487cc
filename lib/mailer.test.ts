import { sendInvitationEmail } from "./mailer";

const message = { to: "invitee@example.test", link: "http://localhost/en/invite/abc", organizationName: "Acme", inviterName: "Ada", locale: "en" as const };

describe("invitation email", () => {
  const saved = process.env.SMTP_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
  });

  it("is not sent when SMTP_URL is not set, and says so", async () => {
    delete process.env.SMTP_URL;
    await expect(sendInvitationEmail(message)).resolves.toBe("notConfigured");
  });

  it("reports a mail server that cannot be reached instead of failing the invitation", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const log = jest.spyOn(console, "error").mockImplementation(() => {});
    await expect(sendInvitationEmail(message)).resolves.toBe("failed");
    log.mockRestore();
  });
});
