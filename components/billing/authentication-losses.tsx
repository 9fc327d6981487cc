import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { PlanChangeImpact } from "@/lib/domains/domain-join";

/** The SSO line of a downgrade: mandatory domains, who signs in how from now on, what is kept. */
export async function SsoLoss({ impact }: { impact: PlanChangeImpact }) {
  const t = await getTranslations("BillingPage");
  const format = await getFormatter();
  return (
    <li data-testid="loss-sso">
      <p>{t("lossSso", { count: impact.ssoUsers })}</p>
      <ul className="mt-1 list-[circle] space-y-1 pl-5">
        {impact.ssoDomains.length > 0 ? <li>{t("lossSsoRequired", { domains: format.list(impact.ssoDomains) })}</li> : null}
        {impact.ssoUsersWithoutPassword > 0 ? (
          <li>
            {t.rich("lossSsoNoPassword", {
              count: impact.ssoUsersWithoutPassword,
              link: (chunks) => <Link href="/forgot-password" className="underline">{chunks}</Link>,
            })}
          </li>
        ) : null}
        <li>{t("lossSsoKept")}</li>
      </ul>
    </li>
  );
}

/** The email-domain line of a downgrade: which domains stop letting people join, what becomes of requests. */
export async function JoinLoss({ impact }: { impact: PlanChangeImpact }) {
  const t = await getTranslations("BillingPage");
  const tFeatures = await getTranslations("Features");
  const format = await getFormatter();
  return (
    <li data-testid="loss-email-domain">
      <p>{impact.joinDomains.length > 0 ? t("lossJoin", { domains: format.list(impact.joinDomains) }) : tFeatures("emailDomainSignIn")}</p>
      <ul className="mt-1 list-[circle] space-y-1 pl-5">
        <li>{t("lossJoinRequests", { count: impact.pendingJoinRequests })}</li>
        {impact.joinDomains.length > 0 ? <li>{t("lossJoinKept")}</li> : null}
      </ul>
    </li>
  );
}
