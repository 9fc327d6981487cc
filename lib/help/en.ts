import type { HelpContent } from "./types";

/** The help center in English. fr.ts holds the same articles, sections and figures, in French. */
export const en: HelpContent = {
  articles: {
    "basic-setup": {
      title: "Basic setup",
      description: "Open the Admin Console, check your role and plan, and review your organization’s settings.",
      intro: [
        {
          kind: "paragraph",
          text: "Your organization exists as soon as someone signs up: the person who signs up creates it and becomes its first Admin. This guide walks you through the first things to check in the Admin Console.",
        },
      ],
      sections: [
        {
          id: "open-the-console",
          heading: "Open the Admin Console",
          blocks: [
            { kind: "paragraph", text: "You can get there in two ways:" },
            {
              kind: "list",
              items: [
                "**Straight from the address bar**: add **/en/admin** (or **/fr/admin** for French) to your console’s address and open it. If you are signed out, you sign in first and land on the console right after.",
                "**From Studio**: open the **Main menu** (1), then choose **Admin** (2).",
              ],
            },
            {
              kind: "figure",
              image: "studio-menu",
              alt: "Studio with its main menu open: the Main menu button is marked 1 and the Admin entry is marked 2.",
              caption: "In Studio, the main menu (1) leads to the Admin Console (2).",
            },
            {
              kind: "callout",
              tone: "tip",
              text: "Most settings live in the Admin Console. A few features depend on your plan: invitations, for example, come with Team and Enterprise. See [Plans and features](/help/plans-and-features).",
            },
          ],
        },
        {
          id: "check-your-role",
          heading: "Check your role",
          blocks: [
            {
              kind: "paragraph",
              text: "The console’s [overview](/admin) shows your role. What you can change depends on it:",
            },
            {
              kind: "list",
              items: [
                "**Admin**: manages the organization — its name, its chats, its members and its audit log.",
                "**Billing**: an extra role, held alongside Admin or Member, for choosing the plan on the **Plans & billing** page.",
                "**Member**: uses Chat and Studio and manages their own profile.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Whoever creates the organization starts as **Admin** with the **Billing** role.",
            },
            {
              kind: "callout",
              tone: "tip",
              text: "Every Member can open the Admin Console to manage their own settings — name, language and password on the [Profile](/admin/profile) page. Only Admins change the organization’s settings. The full list is in [Roles and permissions](/help/roles-and-permissions).",
            },
          ],
        },
        {
          id: "check-your-plan",
          heading: "Know what your plan includes",
          blocks: [
            {
              kind: "paragraph",
              text: "Your plan decides which features your organization can use; the overview shows which plan you are on.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "For example, inviting people to join your organization needs the {plans:invitations} plan. Someone with the Billing role can change the plan.",
            },
            { kind: "paragraph", text: "Compare what each plan offers in [Plans and features](/help/plans-and-features)." },
          ],
        },
        {
          id: "organization-settings",
          heading: "Review your organization’s settings",
          blocks: [
            {
              kind: "paragraph",
              text: "In the console’s menu, choose **Organization** (1). This page is for Admins; it shows the organization’s name, its ID and how many members it has. From there you can:",
            },
            {
              kind: "figure",
              image: "console-organization-link",
              alt: "The Admin Console with the Organization entry of its menu marked 1.",
              caption: "The Organization entry (1) of the console’s menu.",
            },
            {
              kind: "list",
              items: [
                "**Rename the organization.** Everyone sees the new name in Chat and Studio.",
                "**Delete all chats** of the organization, to start again from a clean slate.",
                "**Delete the organization** when nobody needs it any more.",
              ],
            },
          ],
        },
        {
          id: "danger-zone",
          heading: "The Danger zone",
          blocks: [
            {
              kind: "paragraph",
              text: "Deleting all chats and deleting the organization sit at the bottom of the page, in a red-bordered **Danger zone**. Before you confirm, the page tells you what will go, with the real numbers. To confirm, type the organization’s exact name; deleting the organization also asks for your password.",
            },
            {
              kind: "figure",
              image: "organization-danger-zone",
              alt: "The Danger zone of the Organization page: delete all chats, then delete the organization, each with what it removes and a field for the organization’s name; deleting the organization also asks for a password.",
              caption: "The Danger zone, at the bottom of the Organization page.",
            },
            {
              kind: "callout",
              tone: "warning",
              text: "Deleting the organization is final and cannot be undone: every member’s account and every chat are deleted with it. Deleting all chats cannot be undone either.",
            },
          ],
        },
        {
          id: "organization-id",
          heading: "Your organization ID",
          blocks: [
            {
              kind: "paragraph",
              text: "Your organization has an ID, shown on the [overview](/admin) and on the [Organization](/admin/organization) page. It is unique and it never changes, even when you rename the organization.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Use this ID to identify your organization in the [API](/help/api) and give it to support when you contact them: it is quicker and more reliable than the name.",
            },
          ],
        },
      ],
      next: [
        { slug: "authentication", text: "Done with the basics? Next, see how your members sign in." },
        { slug: "roles-and-permissions", text: "Who may do what, role by role." },
      ],
    },
    "roles-and-permissions": {
      title: "Roles and permissions",
      description: "What Admins, Members and holders of the Billing role can do in the console.",
      intro: [
        {
          kind: "paragraph",
          text: "Everyone in an organization is either an **Admin** or a **Member**. The **Billing** role comes on top of either one. The table on this page is built from the same rules the console applies, so it always says what the console actually allows.",
        },
      ],
      sections: [
        {
          id: "the-roles",
          heading: "The three roles",
          blocks: [
            {
              kind: "list",
              items: [
                "**Admin** runs the organization: its settings, its members and its audit log.",
                "**Member** uses Chat and Studio and looks after their own profile.",
                "**Billing** is held in addition to Admin or Member and gives access to the plan and billing.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Roles add up. Someone who has Billing but is not an Admin can change the plan, but neither the organization’s settings nor its members.",
            },
            { kind: "callout", tone: "tip", text: "The person who creates the organization is an Admin and holds the Billing role." },
          ],
        },
        {
          id: "who-can-do-what",
          heading: "Who can do what",
          blocks: [
            {
              kind: "paragraph",
              text: "A tick means the role allows the action. Some actions also need a plan that includes them: the last column names those plans.",
            },
            { kind: "generated", table: "roles" },
          ],
        },
      ],
      next: [
        { slug: "plans-and-features", text: "See which features each plan includes." },
        { slug: "basic-setup", text: "Back to the first steps in the console." },
      ],
    },
    "plans-and-features": {
      title: "Plans and features",
      description: "Which features come with the Free, Pro, Team and Enterprise plans.",
      intro: [
        {
          kind: "paragraph",
          text: "Your organization is on one plan at a time. The comparison below is built from the table the console itself uses to unlock features, so the two cannot disagree.",
        },
      ],
      sections: [
        {
          id: "compare-plans",
          heading: "Compare the plans",
          blocks: [{ kind: "generated", table: "plans" }],
        },
        {
          id: "change-plan",
          heading: "Change your plan",
          blocks: [
            {
              kind: "paragraph",
              text: "Only people with the **Billing** role can see and change the plan, on the [Plans & billing](/admin/billing) page of the console. If you do not have this role, ask someone who does; the [Roles and permissions](/help/roles-and-permissions) article explains the roles.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Inviting people needs the {plans:invitations} plan; SAML single sign-on needs the {plans:ssoSaml} plan.",
            },
          ],
        },
      ],
      next: [{ slug: "roles-and-permissions", text: "See who may do what in the console." }],
    },
    authentication: {
      title: "Authentication",
      description: "How members sign in, how people of your email domain can join, and how single sign-on works.",
      intro: [
        {
          kind: "paragraph",
          text: "This article explains how people sign in to your organization today and what the console’s Authentication page adds, plan by plan.",
        },
      ],
      sections: [
        {
          id: "sign-in-today",
          heading: "Signing in today: email and password",
          blocks: [
            {
              kind: "paragraph",
              text: "Every member signs in on the sign-in page with their email address and their password. Passwords have at least 10 characters.",
            },
            {
              kind: "list",
              items: [
                "Each person changes their own password on the [Profile](/admin/profile) page, after typing the current one.",
                "Someone who forgot their password selects **Forgot your password?** on the sign-in page: the console emails a link that works once, for one hour, to choose a new one. Changing it that way signs the account out everywhere.",
                "After five failed attempts within 15 minutes, sign-in with that email address is paused for 15 minutes, to slow down anyone guessing.",
                "Someone who signs up creates a new organization. To join an existing one, a person needs an invitation ({plans:invitations} plan) or, where an Admin allows it, an address at one of the organization’s verified email domains.",
              ],
            },
          ],
        },
        {
          id: "sessions",
          heading: "Your sessions: where you are signed in",
          blocks: [
            {
              kind: "paragraph",
              text: "Each browser you sign in with opens a session. Under **Your sessions** on the [Profile](/admin/profile) page you see each one with its browser and system, the address it signed in from and when it was last used; the one you are reading on is marked **This browser**.",
            },
            {
              kind: "list",
              items: [
                "**Sign out** next to a session ends it: that browser lands on the sign-in page at its next click. **Sign out of every other session** keeps only this browser.",
                "Signing out with the button at the top of the console ends the session for good: a copy of its cookie no longer opens anything.",
                "Changing your password signs out every other session and keeps this one, and you get an email about it.",
                "A session that stays unused for 14 days ends by itself, and none lasts more than 90 days: after that, sign in again.",
                "On the [Members](/admin/members) page an Admin can sign a person out everywhere, for instance after a lost laptop; the person gets an email. Being removed, losing a role, leaving the organization or its deletion also end the sessions concerned.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Sign-ins and failed sign-ins appear in the organization’s audit log with the address they came from; a typed password is never recorded.",
            },
          ],
        },
        {
          id: "coming-options",
          heading: "Joining by email domain, and single sign-on",
          blocks: [
            {
              kind: "paragraph",
              text: "On the console’s [Authentication](/admin/authentication) page, an Admin proves that the organization owns its people’s email domain: add the domain, publish the TXT record the page shows in the domain’s DNS, then select **Verify**. A verified domain belongs to one organization only, and the console checks the record again every day: if it disappears, Admins see a warning on the page and receive an email. After seven daily checks in a row without it (the server’s DOMAIN_RELEASE_AFTER_FAILED_CHECKS setting), the domain is released: it no longer belongs to the organization, SSO and joining by email domain stop applying to its addresses, and another organization may verify it. An Admin cannot invite an address at a domain another organization has verified.",
            },
            {
              kind: "figure",
              image: "authentication-domain",
              alt: "The Email domains card of the Authentication page: acme.example with its status, Verified, marked 1, and the list that chooses who may join with an address at it marked 2.",
              caption: "A verified domain: its status (1) and who may join with an address at it (2).",
            },
            {
              kind: "list",
              items: [
                "**Joining by email domain**, with the {plans:emailDomainSignIn} plan: once the domain is verified, an Admin chooses who may join with an address at that domain — nobody (invitations only), anyone who asks once an Admin approves, or anyone at once as a Member. Requests waiting for approval appear on the [Members](/admin/members) page (and on the Authentication page), where an Admin approves or refuses each one. Those people then sign in with their email and password, like everyone else.",
                "**SAML single sign-on (SSO)**, with the {plans:ssoSaml} plan: on the Authentication page, an Admin pastes the identity provider’s metadata XML — the simplest way: the console reads its entity ID, sign-in URL and signing certificates — or enters those three values by hand, and gives the identity provider the console’s entity ID and ACS URL (or its metadata file). People of a verified domain then choose **Sign in with single sign-on (SSO)** on the sign-in page and type their email; a first sign-in creates their account as a Member. An Admin can require SSO for a domain; Admins keep their password as a way back in.",
              ],
            },
            {
              kind: "figure",
              image: "authentication-sso",
              alt: "The Single sign-on card of the Authentication page: the console’s entity ID, ACS URL and metadata file marked 1, the box where the identity provider’s metadata XML is pasted marked 2 (the values can also be entered by hand below it), and acme.example marked 3, where single sign-on is required, with the button that stops requiring it.",
              caption: "Single sign-on: what to give your identity provider (1), where to paste its metadata (2), and a domain where SSO is required (3).",
            },
            {
              kind: "callout",
              tone: "tip",
              text: "Pasted metadata: the console sends people to the identity provider with HTTP-POST, so it takes the metadata’s HTTP-POST sign-in URL; metadata offering HTTP-Redirect only is refused. When the identity provider lists two signing certificates, as during a key change, both are kept and either may sign; expired certificates are left out. For safety, the console refuses metadata over 256 KB, metadata containing a DOCTYPE or ENTITY declaration, and a file describing several identity providers. Once saved, the page shows the entity ID, the sign-in URL and each certificate with its fingerprint and expiry date, to check against the identity provider.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Nobody joins with an address they do not own: the console first emails a link to the address typed at sign-up, and the person joins (or asks to) only by opening it within 24 hours. Choose approval if you also want an Admin to check each newcomer.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "If the organization leaves the {plans:ssoSaml} plan, single sign-on stops and everyone signs in with their password again; accounts created through single sign-on have no password their owner knows, so those people choose one with **Forgot your password?** on the sign-in page. Below {plans:emailDomainSignIn}, nobody joins by email domain and waiting requests can only be refused. Nothing is deleted: domains, their settings and the identity provider’s stay, and work again after an upgrade. Before the change, its confirmation says which domains and how many people and requests are concerned.",
            },
          ],
        },
      ],
      next: [
        { slug: "basic-setup", text: "Back to the first steps in the console." },
        { slug: "plans-and-features", text: "Compare the plans before you choose." },
      ],
    },
    api: {
      "title": "The Admin API",
      "description": "Automate your organization’s administration with an API key: authentication, scopes, errors, limits and examples.",
      "intro": [
        {
          "kind": "paragraph",
          "text": "The Admin API lets a script or another service do what an Admin does in the console: rename the organization, manage members and invitations, verify domains, set chat retention, export the organization’s data, read and stream the audit log, set the two-step sign-in rule. It answers JSON at **/api/v1** and calls exactly the same rules as the console, so a key can never do more than its scopes and your plan allow."
        }
      ],
      "sections": [
        {
          "id": "create-a-key",
          "heading": "Create a key",
          "blocks": [
            {
              "kind": "list",
              "ordered": true,
              "items": [
                "As an Admin, open [API keys](/admin/api-keys) in the console.",
                "Give the key a name that says what it is for, tick only the scopes it needs and choose when it expires.",
                "Copy the secret (it starts with **oc_**) right away: it is shown only once. We keep only a fingerprint of it.",
                "If you last signed in or confirmed it is you more than 10 minutes ago, the page first asks you to confirm it is you, as before deleting chats."
              ]
            },
            {
              "kind": "callout",
              "tone": "warning",
              "text": "A key belongs to the organization, not to the person who created it: it keeps working when they leave. Revoke keys you no longer need; the list shows when and from where each was last used."
            }
          ]
        },
        {
          "id": "authentication",
          "heading": "Authentication",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Send the secret in the **Authorization** header of every request. The organization is the key’s own: no request names an organization ID."
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/organization\""
            }
          ]
        },
        {
          "id": "scopes",
          "heading": "Scopes",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Each scope grants some of the permissions described in [roles and permissions](/help/roles-and-permissions), and the plan still applies: inviting, for instance, needs the {plans:invitations} plan even with **members:write**. No scope reaches plans, billing, profiles or anyone’s own two-step sign-in; chats are reached only to purge them (**organization:write**) or to export them (**organization:export**). **organization:delete** and **organization:export** are never ticked for you."
            },
            {
              "kind": "generated",
              "table": "scopes"
            }
          ]
        },
        {
          "id": "errors",
          "heading": "Errors",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Errors are JSON problems (RFC 9457, type **application/problem+json**) with a stable **type** and **code** per error and a **title** in French or English, following the request’s **Accept-Language** header. Invalid fields are listed in **errors**."
            },
            {
              "kind": "code",
              "language": "json",
              "code": "{\n  \"type\": \"tag:org-console.dev,2026:problems/forbidden\",\n  \"title\": \"This key’s scopes or the plan do not allow this\",\n  \"status\": 403,\n  \"code\": \"forbidden\"\n}"
            },
            {
              "kind": "list",
              "items": [
                "**400**: the body is not a JSON object. **401**: no key, an unknown, revoked or expired key. **403**: the key’s scopes or the plan do not allow it.",
                "**404**: nothing with this ID in your organization. **409**: a rule says no, such as the last Admin, another export being built or five streaming endpoints already. **410**: the organization has been deleted, or the export has expired.",
                "**413**: the body is too large. **422**: invalid fields, or an Idempotency-Key reused with another body. **429**: too many requests."
              ]
            }
          ]
        },
        {
          "id": "limits",
          "heading": "Limits",
          "blocks": [
            {
              "kind": "list",
              "items": [
                "Each key may send 600 requests per minute, counted across all servers. Every answer carries **RateLimit-Limit**, **RateLimit-Remaining** and **RateLimit-Reset**; a 429 also says **Retry-After** in seconds.",
                "Request bodies are limited to 16 KB.",
                "Send an **Idempotency-Key** header with a POST to retry it safely: for 24 hours, the same key and body return the first answer instead of acting again. If the first request is still running when an identical one arrives, the second answers **409** with `Retry-After: 1`; retry it and you get the first answer.",
                "Lists page with **limit** (up to 100) and the **nextCursor** of the previous answer, passed as **cursor**."
              ]
            }
          ]
        },
        {
          "id": "examples",
          "heading": "Examples",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Rename the organization (scope **organization:write**):"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X PATCH -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"name\": \"Acme Research\"}' \"$APP_URL/api/v1/organization\""
            },
            {
              "kind": "paragraph",
              "text": "Invite someone, safely retried (scope **members:write**, {plans:invitations} plan):"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" -H \"Idempotency-Key: invite-ada-2026-01\" \\\n  -d '{\"email\": \"ada@example.com\", \"role\": \"member\"}' \"$APP_URL/api/v1/invitations\""
            },
            {
              "kind": "paragraph",
              "text": "Find members by name or email (scope **members:read**):"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/members?limit=50&query=ada\""
            },
            {
              "kind": "paragraph",
              "text": "Delete every chat, then follow the job (scope **organization:write**; the body repeats the organization’s exact name):"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"confirmation\": \"Acme Research\"}' \"$APP_URL/api/v1/organization/chat-purge\"\n# then follow the job it answers:\ncurl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/jobs/<job id>\""
            },
            {
              "kind": "paragraph",
              "text": "Export the audit log as CSV (scope **audit:read**); use **format=ndjson** for one JSON event per line:"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  \"$APP_URL/api/v1/audit-events/export?format=csv&since=2026-01-01T00:00:00Z\" -o audit.csv"
            },
            {
              "kind": "paragraph",
              "text": "Export the organization’s data, follow it, then download the ZIP (scope **organization:export**; only the key that started an export can follow or download it, for 24 hours):"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/exports\"\n# follow it until ready is not null:\ncurl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/exports/<export id>\"\ncurl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/exports/<export id>/download\" -o export.zip"
            },
            {
              "kind": "paragraph",
              "text": "Delete chats inactive for 90 days ({plans:chatRetention} plan, scope **organization:write**; **null** turns it off):"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X PUT -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"days\": 90}' \"$APP_URL/api/v1/organization/retention\""
            },
            {
              "kind": "paragraph",
              "text": "Stream the audit log to your SIEM ({plans:auditStreaming} plan, scope **audit:write**): the answer holds the signing secret, shown only there. Then send a test event:"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"url\": \"https://siem.example.com/hooks/org-console\"}' \"$APP_URL/api/v1/audit-streams\"\ncurl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/audit-streams/<endpoint id>/test\""
            },
            {
              "kind": "paragraph",
              "text": "Require two-step sign-in of Admins within 7 days ({plans:twoStepPolicy} plan, scope **domains:write**). A key never reaches anyone’s own factors:"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X PUT -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"requiredFor\": \"admins\", \"graceDays\": 7}' \"$APP_URL/api/v1/organization/two-step-rule\""
            }
          ]
        },
        {
          "id": "reference",
          "heading": "Reference",
          "blocks": [
            {
              "kind": "generated",
              "table": "apiReference"
            }
          ]
        }
      ],
      "next": [
        {
          "slug": "roles-and-permissions",
          "text": "What each permission means, role by role."
        },
        {
          "slug": "basic-setup",
          "text": "Back to the first steps in the console."
        }
      ]
    },
    "audit-log": {
      title: "Audit log",
      description: "What the audit log records, how to prove it was not altered, how to stream it to your systems and how long it is kept.",
      intro: [
        {
          kind: "paragraph",
          text: "The [audit log](/admin/audit) lists every change made in your organization: who did what, when, and from where. Admins read it in the console; on the {plans:auditStreaming} plan it can also be sent, as it happens, to your own systems.",
        },
      ],
      sections: [
        {
          id: "what-is-recorded",
          heading: "What is recorded",
          blocks: [
            {
              kind: "list",
              items: [
                "**What happened**: the organization renamed, a role changed, an invitation sent or accepted, a sign-in, a plan change, a domain verified, and so on, with the details (old and new name, old and new role).",
                "**Who did it**: a person, an API key, or the system (the daily checks). Their name and email are kept as they were at that moment, so removing or renaming someone later changes no event.",
                "**From where**: the network address of the request and a short summary of the browser and system (for example “Firefox on macOS”), when the change came from a browser.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Nobody edits the log: the database refuses to change an event, and events are only removed with the organization itself or by the retention period you choose.",
            },
          ],
        },
        {
          id: "verifying",
          heading: "Proving the log was not altered",
          blocks: [
            {
              kind: "paragraph",
              text: "Each event carries a seal computed from its content and from the seal of the event before it, with a key that only the server holds (never the database). Changing, removing or reordering one event breaks every seal after it, and someone with access to the database alone cannot compute new ones.",
            },
            {
              kind: "paragraph",
              text: "Every day the console checks the whole chain; the audit log page shows “Chain intact, verified at …”. If a check fails, every Admin receives an email naming the first event that does not match.",
            },
            {
              kind: "paragraph",
              text: "Whoever runs the server can check at any time with the command below; it names the first failing event and ends with an error code if there is one.",
            },
            { kind: "code", language: "shell", code: "npm run audit:verify\nnpm run audit:verify -- --organization <organization ID>" },
          ],
        },
        {
          id: "streaming",
          heading: "Streaming events to your systems",
          blocks: [
            {
              kind: "paragraph",
              text: "On the [Audit streaming](/admin/audit-streaming) page, an Admin adds an https address. Each new event is then sent to it as JSON in a POST request, in the order of the log, signed with the Standard Webhooks scheme: the **webhook-id**, **webhook-timestamp** and **webhook-signature** headers.",
            },
            {
              kind: "list",
              items: [
                "**Send a test event** checks the address at once and shows the answer in the delivery log, with its latency.",
                "If the endpoint fails (no answer within 10 seconds, or a status other than 2xx), the event is sent again later, at growing intervals, for 24 hours; nothing after it overtakes it. After 24 hours of failures the endpoint is paused and Admins receive an email; **Resume** sends what waited, oldest first.",
                "**Rotate the secret** makes a new signing secret; the old one keeps signing too for 24 hours, so you can update your receiver without missing a message.",
                "For safety, the console only sends to public https addresses: no internal or private network, and it never follows redirects.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Moving below {plans:auditStreaming} pauses the endpoints without removing them: the plan change says so before you confirm, and they resume on a return.",
            },
          ],
        },
        {
          id: "receiver",
          heading: "Checking the signature in your receiver",
          blocks: [
            {
              kind: "paragraph",
              text: "Use a Standard Webhooks library for your language. In JavaScript, with the **standardwebhooks** package, a receiver checks each message like this; answer with a 2xx status once it is stored. A message may arrive twice (after a lost answer, for instance): the **webhook-id** header stays the same, so keep the ones you have seen.",
            },
            { kind: "code", language: "javascript", code: "import { Webhook } from \"standardwebhooks\";\n\n// The endpoint's secret, shown once in the console: \"whsec_…\"\nconst webhook = new Webhook(process.env.ORG_CONSOLE_SIGNING_SECRET);\nconst seen = new Set(); // use your database in production\n\nexport async function POST(request) {\n  const body = await request.text(); // the raw body, before any JSON parsing\n  let message;\n  try {\n    message = webhook.verify(body, Object.fromEntries(request.headers));\n  } catch {\n    return new Response(\"invalid signature\", { status: 400 });\n  }\n  const id = request.headers.get(\"webhook-id\"); // the same on every retry\n  if (!seen.has(id)) {\n    seen.add(id);\n    console.log(message.data.sequence, message.data.action, message.data.actor);\n  }\n  return new Response(null, { status: 204 });\n}" },
          ],
        },
        {
          id: "retention",
          heading: "How long events are kept",
          blocks: [
            {
              kind: "paragraph",
              text: "Events are kept for as long as the organization exists. On the {plans:auditRetention} plan, an Admin may choose to keep them a number of days instead (30 at least), on the audit log page; older events are then removed every day, and the chain still verifies from the first event kept. Delivery logs of streaming are kept 30 days.",
            },
          ],
        },
      ],
      next: [
        { slug: "roles-and-permissions", text: "See who may read the audit log and manage streaming." },
        { slug: "plans-and-features", text: "Compare the plans that include streaming and retention." },
      ],
    },
    "data-and-retention": {
      title: "Data and retention",
      description: "How long chats are kept, how to export everything, and what deleting removes.",
      intro: [
        {
          kind: "paragraph",
          text: "Nothing in your organization disappears by surprise. This page explains the chat retention policy, the full export, and what purging chats or deleting the organization removes. Everything here is on the [Organization](/admin/organization) page, for Admins.",
        },
      ],
      sections: [
        {
          id: "retention",
          heading: "Chat retention",
          blocks: [
            {
              kind: "paragraph",
              text: "With the {plans:chatRetention} plan, an Admin can choose **Delete chats not updated for a number of days**, from 1 to 3,650 days. It is off by default. Before saving, **Check what it would delete** tells you how many chats and messages the new setting would remove today.",
            },
            {
              kind: "list",
              items: [
                "The policy is applied once a day, in the background: chats whose last activity is older than the limit are deleted with their messages, and the audit log records how many went.",
                "A shorter period takes effect at the next daily round, never while you save.",
                "Every member sees the policy in Chat: “Chats are deleted after N days without activity”.",
                "If the organization moves below {plans:chatRetention}, the policy is kept but paused: nothing is deleted until the plan includes it again. The plan change says so before you confirm.",
              ],
            },
          ],
        },
        {
          id: "export",
          heading: "Export everything",
          blocks: [
            {
              kind: "paragraph",
              text: "On every plan, an Admin can click **Download everything**. The console prepares one ZIP file in the background, with its progress on the page, and keeps it for 24 hours for the Admin who asked, then deletes it. Asking for it and downloading it are recorded in the audit log.",
            },
            {
              kind: "list",
              items: [
                "**organization.ndjson**: the name, ID, plan and retention setting.",
                "**members.ndjson**: each member’s name, email, language and roles — never a password, not even hashed.",
                "**chats.ndjson** and **messages.ndjson**: every chat and every message.",
                "**invitations.ndjson**: invitations and their status — never the invitation links.",
                "**audit-events.ndjson**: the audit log. A README inside the archive describes each file.",
              ],
            },
            { kind: "callout", tone: "tip", text: "Each line of an NDJSON file is one JSON object, so any tool can read the files line by line, however large they are." },
          ],
        },
        {
          id: "deletion",
          heading: "What purging and deleting remove",
          blocks: [
            {
              kind: "paragraph",
              text: "**Delete all chats** removes every chat and message; members stay. **Delete the organization** removes its members, chats, invitations, settings and audit log; only its ID is kept, so it is never reused. The Danger zone offers **Download a copy first** beside both. Every Admin is emailed when a purge or a deletion is asked for and when it is done, and every member when the organization is deleted.",
            },
          ],
        },
        {
          id: "grace-period",
          heading: "Deletion grace period (self-hosted servers)",
          blocks: [
            {
              kind: "paragraph",
              text: "By default a deletion is immediate and cannot be undone. Whoever runs the server can set `ORGANIZATION_DELETION_GRACE_DAYS` to a number of days: a deleted organization is then locked at once (everyone is signed out, nobody can sign in) and each Admin receives an email with a single-use link to restore it, valid until the end of that period. When the period ends, the deletion runs as usual. The Danger zone says which mode your server uses.",
            },
          ],
        },
      ],
      next: [
        { slug: "basic-setup", text: "Back to the first steps in the console." },
        { slug: "plans-and-features", text: "See which plans include chat retention." },
      ],
    },
    "two-step-sign-in": {
      title: "Two-step sign-in",
      description: "Add an authenticator app to your account, keep recovery codes, and require two-step sign-in in your organization.",
      intro: [
        {
          kind: "paragraph",
          text: "With two-step sign-in, your password is not enough to open your account: after it, the console asks for a six-digit code from an app on your phone. Anyone can turn it on for their own account; on the {plans:twoStepPolicy} plans an Admin can require it.",
        },
      ],
      sections: [
        {
          id: "set-up",
          heading: "Turning it on with an authenticator app",
          blocks: [
            {
              kind: "list",
              ordered: true,
              items: [
                "Open your [Profile](/admin/profile) and select **Set up two-step sign-in**, then **Add an authenticator app**.",
                "Scan the QR code with an app that shows six-digit codes (Google Authenticator, Microsoft Authenticator, 1Password, Bitwarden, FreeOTP…). If you cannot scan, type the key shown under the code into the app.",
                "Type the code the app shows and select **Turn on two-step sign-in**.",
                "Save the ten recovery codes now: they are shown only once.",
              ],
            },
            {
              kind: "figure",
              image: "two-step-setup",
              alt: "The two-step sign-in page while adding an authenticator app: the QR code is marked 1, the key to type by hand 2, and the field for the first code 3.",
              caption: "Scan the QR code (1) or type the key (2), then enter the first code the app shows (3).",
            },
            {
              kind: "callout",
              tone: "note",
              text: "The console keeps the app’s key encrypted, and only a fingerprint of each recovery code. You get an email each time two-step sign-in is turned on or off, or new recovery codes are made.",
            },
          ],
        },
        {
          id: "signing-in",
          heading: "Signing in",
          blocks: [
            {
              kind: "paragraph",
              text: "Enter your email and password as usual; a second page asks for the code from your app. Each code works once. Lost your phone? Open **Lost your phone? Use a recovery code** and type one of your recovery codes: each one works once too. After five wrong codes, the second step is paused for 15 minutes. Both ways work without JavaScript.",
            },
            {
              kind: "paragraph",
              text: "No phone and no recovery code left? An Admin of your organization can reset your two-step sign-in from the [Members](/admin/members) page; you get an email when they do.",
            },
          ],
        },
        {
          id: "step-up",
          heading: "Confirming it is you before sensitive actions",
          blocks: [
            {
              kind: "paragraph",
              text: "Deleting the organization, deleting all chats and turning two-step sign-in off ask you to confirm it is you when your last check is more than 10 minutes old: a code from your app (or a recovery code), or your password if you have no second step.",
            },
          ],
        },
        {
          id: "organization-rule",
          heading: "Requiring it in your organization",
          blocks: [
            {
              kind: "paragraph",
              text: "On the {plans:twoStepPolicy} plans, an Admin can require two-step sign-in on the [Authentication](/admin/authentication) page, for Admins only or for everyone, with a grace period of 0 to 30 days. Before saving, the page says how many people do not have it yet.",
            },
            {
              kind: "list",
              items: [
                "During the grace period, people without it see a reminder and are sent to set it up when they sign in.",
                "After it, they can still sign in, but only to set it up: nobody is locked out.",
                "People who sign in through single sign-on are exempt: their identity provider handles it.",
                "The Members page shows who has it. If the organization moves below {plans:twoStepPolicy}, the rule is paused and kept.",
                "If the last Admin has lost every code, the server’s operator runs **npm run admin:reset-two-step -- EMAIL** on the server.",
              ],
            },
          ],
        },
      ],
      next: [
        { slug: "authentication", text: "How people sign in, join by email domain, and use single sign-on." },
        { slug: "roles-and-permissions", text: "Who may change what in the console." },
      ],
    },
  },
  labels: {
    actions: {
      "console.open": "Open the Admin Console",
      "profile.edit": "Edit one’s own profile, language and password",
      "chats.own": "Use Chat and Studio with one’s own chats",
      "help.read": "Read the help center",
      "organization.leave": "Leave the organization",
      "organization.view": "See the organization’s name, ID and plan",
      "organization.rename": "Rename the organization",
      "organization.purgeChats": "Delete all chats of the organization",
      "organization.delete": "Delete the organization",
      "members.view": "See the members",
      "members.manage": "Change members’ roles and remove members",
      "members.invite": "Invite people",
      "members.signOut": "Sign a member out everywhere",
      "audit.view": "Read the audit log",
      "audit.stream": "Stream the audit log to webhooks",
      "audit.retention": "Choose how long the audit log is kept",
      "helpFeedback.view": "See the help center’s feedback",
      "authentication.manage": "Open the Authentication page",
      "authentication.emailDomain": "Let people join by email domain",
      "authentication.sso": "Set up SAML single sign-on",
      "billing.view": "See the plan and billing",
      "billing.changePlan": "Change the plan",
      "apiKeys.manage": "Create and revoke API keys",
      "organization.export": "Export all of the organization’s data",
      "organization.retention": "Set how long chats are kept",
      "twoStep.own": "Set up one’s own two-step sign-in",
      "twoStep.policy": "Require two-step sign-in in the organization",
      "twoStep.resetMember": "Reset a member’s two-step sign-in",
    },
  },
};
