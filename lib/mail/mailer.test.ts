import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { composeMail, mailDelivery, sendInvitationEmail, sendMail } from "./mailer";

const message = { to: "invitee@example.test", link: "http://localhost/en/invite/abc", organizationName: "Acme", inviterName: "Ada", locale: "en" as const };

const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_OUTBOX_DIR: process.env.MAIL_OUTBOX_DIR };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  jest.restoreAllMocks();
});

describe("invitation email", () => {
  it("is not sent when no mail server is set, and says so", async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_OUTBOX_DIR;
    jest.spyOn(console, "info").mockImplementation(() => {});
    await expect(sendInvitationEmail(message)).resolves.toBe("notConfigured");
  });

  it("reports a mail server that cannot be reached instead of failing the invitation", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    jest.spyOn(console, "error").mockImplementation(() => {});
    await expect(sendInvitationEmail(message)).resolves.toBe("failed");
  });
});

describe("sending mail", () => {
  it("writes each mail as a JSON file into MAIL_OUTBOX_DIR when there is no SMTP server", async () => {
    delete process.env.SMTP_URL;
    const directory = await mkdtemp(path.join(os.tmpdir(), "outbox-"));
    process.env.MAIL_OUTBOX_DIR = directory;
    try {
      expect(mailDelivery()).toBe("outbox");
      const mail = composeMail("rene@example.test", "fr", "passwordReset", { name: "René", link: "http://localhost/fr/reset-password?token=abc" });
      await expect(sendMail(mail)).resolves.toBe("sent");
      const [file] = await readdir(directory);
      const written = JSON.parse(await readFile(path.join(directory, file!), "utf8"));
      expect(written).toMatchObject({ to: "rene@example.test", subject: "Réinitialisez votre mot de passe Org Console", link: "http://localhost/fr/reset-password?token=abc" });
      expect(written.text).toContain("Bonjour René,");
      expect(written.text).toContain("http://localhost/fr/reset-password?token=abc");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("outside production with no mail server, writes the link to the server console", async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_OUTBOX_DIR;
    const info = jest.spyOn(console, "info").mockImplementation(() => {});
    const mail = composeMail("ada@example.test", "en", "joinConfirmation", { name: "Ada", organization: "Acme", link: "http://localhost/en/confirm-join?token=xyz" });
    expect(mail.subject).toBe("Confirm your email address to join Acme");
    await expect(sendMail(mail)).resolves.toBe("logged");
    expect(info.mock.calls.join(" ")).toContain("link: http://localhost/en/confirm-join?token=xyz");
  });
});
