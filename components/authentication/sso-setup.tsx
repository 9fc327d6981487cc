"use client";

import type { ReactNode } from "react";
import type { FormState } from "@/lib/core/form-state";
import { SsoConnectionForm, type SsoConnectionValues } from "./sso-connection-form";
import { SsoMetadataForm } from "./sso-metadata-form";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** The words of the setup, translated by SsoSettings (`Sso.settings`). */
export type SsoSetupWords = {
  intro: string;
  spTitle: string;
  spEntityId: string;
  acsUrl: string;
  downloadMetadata: string;
  idpTitle: string;
  idpIntro: string;
  metadataTitle: string;
  manualTitle: string;
};

/**
 * What to give the identity provider and its two forms (metadata, or the values by hand). A client
 * component though it keeps no state of its own: the page's payload carries its words, not its
 * elements a second time beside the HTML. `current` is the saved connection's summary, if any.
 */
export function SsoSetup({
  words,
  sp,
  metadataUrl,
  current,
  values,
  actions,
}: {
  words: SsoSetupWords;
  /** Our service provider's addresses (lib/sso/saml.ts's ServiceProvider; that module stays out of the browser's bundle). */
  sp: { entityId: string; acsUrl: string };
  metadataUrl: string;
  current: ReactNode;
  values: SsoConnectionValues | null;
  actions: { save: Action; saveFromMetadata: Action };
}) {
  return (
    <>
      <p className="text-sm text-slate-700">{words.intro}</p>
      <section aria-labelledby="sp-title" className="space-y-2 text-sm">
        <h3 id="sp-title" className="font-semibold">{words.spTitle}</h3>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{words.spEntityId}</dt>
          <dd><code className="break-all" data-testid="sp-entity-id">{sp.entityId}</code></dd>
          <dt className="font-semibold">{words.acsUrl}</dt>
          <dd><code className="break-all" data-testid="sp-acs-url">{sp.acsUrl}</code></dd>
        </dl>
        <a href={metadataUrl} download className="inline-block font-semibold text-indigo-700 underline">{words.downloadMetadata}</a>
      </section>
      <section aria-labelledby="idp-title" className="space-y-4">
        <h3 id="idp-title" className="font-semibold">{words.idpTitle}</h3>
        {current}
        <p className="text-sm text-slate-700">{words.idpIntro}</p>
        <section aria-labelledby="idp-metadata-title" className="space-y-2 rounded-md border border-slate-200 p-4">
          <h4 id="idp-metadata-title" className="font-semibold">{words.metadataTitle}</h4>
          <SsoMetadataForm action={actions.saveFromMetadata} />
        </section>
        <section aria-labelledby="idp-manual-title" className="space-y-2 rounded-md border border-slate-200 p-4">
          <h4 id="idp-manual-title" className="font-semibold">{words.manualTitle}</h4>
          <SsoConnectionForm action={actions.save} current={values} />
        </section>
      </section>
    </>
  );
}
