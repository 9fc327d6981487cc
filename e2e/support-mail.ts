import fs from "node:fs";
import path from "node:path";

/** Where the server under test writes its mail (set by e2e/run.mjs). */
const outbox = process.env.MAIL_OUTBOX_DIR ?? "";

export type SentMail = { to: string; subject: string; text: string; link?: string; sentAt: string };

function mailsTo(address: string): SentMail[] {
  if (!outbox || !fs.existsSync(outbox)) return [];
  return fs
    .readdirSync(outbox)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(fs.readFileSync(path.join(outbox, name), "utf8")) as SentMail)
    .filter((mail) => mail.to === address.toLowerCase())
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

/** How many mails went to an address so far; pass it to `waitForMail` to wait for the next one. */
export function mailCount(address: string): number {
  return mailsTo(address).length;
}

/** Waits for the newest mail to an address (after `previous` of them), and returns it with its link as a same-site path. */
export async function waitForMail(address: string, options: { previous?: number; timeoutMs?: number } = {}): Promise<SentMail & { path: string }> {
  if (!outbox) throw new Error("MAIL_OUTBOX_DIR is not set: run the browser tests through e2e/run.mjs");
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    const mails = mailsTo(address);
    if (mails.length > (options.previous ?? 0)) {
      const mail = mails.at(-1)!;
      const url = mail.link ? new URL(mail.link) : null;
      return { ...mail, path: url ? `${url.pathname}${url.search}` : "" };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${address} within ${options.timeoutMs ?? 10_000} ms`);
}
