import "server-only";
// `npm run admin:reset-two-step -- EMAIL`: the operator's way out when an organization's last Admin lost
// every second factor. Removes that person's authenticator app and recovery codes, audited as a system action.
import { getDatabase } from "@/db";
import { embeddedHolder } from "@/db/embedded-holder";
import { sendMail } from "@/lib/mail/mailer";
import { resetTwoStepBySystem } from "./policy";

async function main(): Promise<number> {
  const email = process.argv[2];
  if (!email || !email.includes("@")) {
    console.error("Usage: npm run admin:reset-two-step -- EMAIL");
    return 2;
  }
  // The embedded database serves one process: refuse while another live process (the server) holds it.
  const holder = process.env.DATABASE_URL ? null : embeddedHolder();
  if (holder) {
    console.error(`The embedded database is open in process ${holder} (the server). Stop it, run this command, then start it again; or run it with the server's DATABASE_URL.`);
    return 1;
  }
  const database = await getDatabase();
  try {
    const result = await resetTwoStepBySystem(database.db, email);
    if (!result.ok) {
      console.error(result.error === "notFound" ? `No account uses ${email}.` : `${email} has no two-step sign-in to reset.`);
      return 1;
    }
    const mail = await sendMail(result.mail);
    console.log(`Two-step sign-in of ${email.trim().toLowerCase()} is reset (audited as a system action); email ${mail}.`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[admin:reset-two-step] failed", error);
    process.exit(1);
  },
);
