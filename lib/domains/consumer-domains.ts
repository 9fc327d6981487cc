/**
 * Public mail services: anyone can get an address there, so no organization may claim them.
 * The one list; a subdomain of one of these is refused too.
 */
export const consumerMailDomains = [
  "aol.com",
  "free.fr",
  "gmail.com",
  "gmx.com",
  "gmx.de",
  "gmx.fr",
  "googlemail.com",
  "hey.com",
  "hotmail.com",
  "hotmail.fr",
  "icloud.com",
  "laposte.net",
  "live.com",
  "live.fr",
  "mac.com",
  "mail.com",
  "mail.ru",
  "me.com",
  "msn.com",
  "neuf.fr",
  "orange.fr",
  "outlook.com",
  "outlook.fr",
  "proton.me",
  "protonmail.com",
  "qq.com",
  "sfr.fr",
  "tutanota.com",
  "wanadoo.fr",
  "web.de",
  "yahoo.com",
  "yahoo.fr",
  "yandex.com",
  "yandex.ru",
  "zoho.com",
] as const;

const consumerSet = new Set<string>(consumerMailDomains);

export function isConsumerDomain(domain: string): boolean {
  const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
  for (let start = 0; start < labels.length - 1; start += 1) {
    if (consumerSet.has(labels.slice(start).join("."))) return true;
  }
  return false;
}
