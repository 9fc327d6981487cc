/** Layering rules, checked by `npm run lint:deps` (and so by `npm run lint`). */

// The only lib/ files that may import React, Next or Auth.js: the adapters between the framework and the domain.
const frameworkAdapters = [
  "^lib/auth/next-auth[.]ts$", // the Auth.js wrapper: nothing else imports next-auth
  "^lib/auth/session-cookie[.]ts$", // decodes the Auth.js cookie for the middleware
  "^lib/auth/viewer[.]ts$", // getViewer(): React cache() and the 403 page
  "^lib/core/origin[.]ts$", // reads next/headers for the public origin
  "^lib/help/metadata[.]ts$", // the help pages' Next Metadata type
];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import circle anywhere, type-only imports included.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-not-to-ui",
      severity: "error",
      comment: "lib/ holds the domain: it never imports pages, actions or components.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "lib-no-framework",
      severity: "error",
      comment: "lib/ is plain TypeScript: no React, Next, next-intl or Auth.js, except in the named adapters.",
      from: { path: "^lib/", pathNot: frameworkAdapters },
      to: { path: "^node_modules/(react|react-dom|next|next-intl|next-auth|@auth/[^/]+)/" },
    },
    {
      name: "core-is-ground-floor",
      severity: "error",
      comment: "lib/core/ is the ground floor every domain may import; it imports no domain.",
      from: { path: "^lib/core/" },
      to: { path: "^lib/(?!core/)" },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment: "Components receive server actions as props; they never import from app/.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "db-not-to-lib",
      severity: "error",
      comment: "db/ (schema, driver, migrations) sits below lib/ and never imports it.",
      from: { path: "^db/" },
      to: { path: "^lib/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
