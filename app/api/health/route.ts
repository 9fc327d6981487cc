import { isDatabaseUp } from "@/db";

export const dynamic = "force-dynamic";

export async function GET() {
  const up = await isDatabaseUp();
  return Response.json(up ? { status: "ok" } : { status: "unavailable", database: "down" }, {
    status: up ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
