import { serviceProviderFor, serviceProviderMetadata } from "@/lib/sso/saml";
import { isUuid, publicOrigin } from "@/lib/sso/routes";

/** Our service-provider metadata, for the organization's identity provider (downloadable XML). */
export async function GET(request: Request, { params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  if (!isUuid(organizationId)) return new Response("Not found", { status: 404 });
  const xml = serviceProviderMetadata(serviceProviderFor(publicOrigin(request), organizationId));
  return new Response(xml, {
    headers: {
      "Content-Type": "application/samlmetadata+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="org-console-sp-${organizationId}.xml"`,
    },
  });
}
