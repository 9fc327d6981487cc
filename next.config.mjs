import createNextIntlPlugin from "next-intl/plugin";

// The catalogues are compiled at build time (next-intl's experimental precompile): the browser gets a
// small formatter instead of the ICU parser (about 9 kB gzip less on every page). Code that reads a
// catalogue itself formats through use-intl (lib/mail/mailer.ts), never by hand.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Pages get their policy, with a fresh script nonce, from middleware.ts; this one covers the rest
// (route handlers, files), which run no inline script.
const staticContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts of work build and test side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // pino and prom-client run as plain Node modules (pino may spawn workers; prom-client keeps module state).
  // yazl and buffer-crc32 too: lib/jobs/zip-crc.ts points yazl's checksum at Node's, which needs the one copy Node loads.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "prom-client", "yazl", "buffer-crc32"],
  experimental: {
    authInterrupts: true,
    // Every form is small but one: pasted IdP metadata (256 KB of XML at most, up to ~3× that
    // URL-encoded without JavaScript). Route handlers cap their own bodies (lib/core/request-body.ts).
    serverActions: { bodySizeLimit: "1mb" },
    // What the middleware may buffer of a request body (Next's default is 10 MB).
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    // The SAML start page sends its own CSP naming the identity provider as form target.
    return [
      { source: "/:path((?!api/saml/[^/]+/start$).*)", headers: securityHeaders },
      // Exactly the paths middleware.ts does not match (its matcher, inverted), so no answer gets two policies.
      { source: "/:path((?:_next|_vercel)/.*|api/(?!saml/).*|.*\\..*)", headers: [{ key: "Content-Security-Policy", value: staticContentSecurityPolicy }] },
    ];
  },
};

export default withNextIntl(nextConfig);
