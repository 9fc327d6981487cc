import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const planEnum = pgEnum("plan", ["free", "pro", "team", "enterprise"]);
export const organizationStatusEnum = pgEnum("organization_status", ["active", "scheduled_deletion", "deleting"]);
export const roleEnum = pgEnum("role", ["admin", "member"]);
export const localeEnum = pgEnum("locale", ["fr", "en"]);

// Who an audit event names: a person, an organization API key, or the system (the worker, an operator's command).
export const auditActorKindEnum = pgEnum("audit_actor_kind", ["person", "api_key", "system"]);
export const jobKindEnum = pgEnum("job_kind", ["purge_chats", "delete_organization", "maintenance", "audit_stream", "chat_retention", "export"]);
export const jobStateEnum = pgEnum("job_state", ["queued", "running", "done", "failed"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// The ID is never updated: a trigger in the migrations refuses it, and refuses reusing a tombstoned one.
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  plan: planEnum("plan").notNull().default("free"),
  status: organizationStatusEnum("status").notNull().default("active"),
  // Chats not updated for this many days are deleted by the daily round (Team and Enterprise); null: off.
  chatRetentionDays: integer("chat_retention_days"),
  // With a deletion grace period: when the deletion job starts (status `scheduled_deletion`).
  deletionScheduledFor: timestamp("deletion_scheduled_for", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: localeEnum("locale").notNull().default("en"),
    role: roleEnum("role").notNull().default("member"),
    billing: boolean("billing").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_organization_idx").on(t.organizationId),
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
  ],
);

export const chats = pgTable(
  "chats",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // (organization_id, id) lets a purge walk an organization's chats in id order, batch after batch.
  (t) => [index("chats_organization_id_idx").on(t.organizationId, t.id), index("chats_user_idx").on(t.userId)],
);

export const messages = pgTable(
  "messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    chatId: bigint("chat_id", { mode: "number" })
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    author: text("author").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("messages_chat_idx").on(t.chatId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: roleEnum("role").notNull().default("member"),
    billing: boolean("billing").notNull().default(false),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    index("invitations_organization_idx").on(t.organizationId),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // A snapshot of the actor at the time, with no foreign key: removing a member changes no event.
    actorId: uuid("actor_id"),
    actorKind: auditActorKindEnum("actor_kind").notNull().default("system"),
    actorName: text("actor_name"),
    actorEmail: text("actor_email"),
    clientAddress: text("client_address"),
    userAgent: text("user_agent"),
    action: text("action").notNull(),
    target: text("target"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    // The hash chain (lib/audit/chain.ts): the event's place in its organization's log, and an HMAC
    // over its content and the previous event's hash. A null hash marks an event recorded before the chain.
    sequence: bigint("sequence", { mode: "number" }).notNull(),
    hash: text("hash"),
  },
  (t) => [
    index("audit_events_organization_idx").on(t.organizationId, t.createdAt),
    uniqueIndex("audit_events_organization_sequence_unique").on(t.organizationId, t.sequence),
    // The audit page's action filter lists the actions an organization has, by skipping through this
    // index (a few probes) rather than reading every event.
    index("audit_events_organization_action_idx").on(t.organizationId, t.action),
  ],
);

// One row per organization whose chain does not start at the beginning: events up to `start_sequence`
// were recorded before the chain (start_hash null) or removed by retention (start_hash: the last removed
// event's hash, which the next one chains from). Also keeps the daily round's last verification.
export const auditChains = pgTable("audit_chains", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  startSequence: bigint("start_sequence", { mode: "number" }).notNull().default(0),
  startHash: text("start_hash"),
  // Audit retention (Enterprise): events older than this many days are removed by the daily round; null keeps them.
  retentionDays: integer("retention_days"),
  verifiedAt: timestamp("verified_at", { withTimezone: true }),
  verifiedIntact: boolean("verified_intact"),
  verifiedEvents: integer("verified_events"),
  brokenEventId: bigint("broken_event_id", { mode: "number" }),
  brokenReason: text("broken_reason"),
  headSequence: bigint("head_sequence", { mode: "number" }),
  headHash: text("head_hash"),
});

export const auditStreamStatusEnum = pgEnum("audit_stream_status", ["active", "paused"]);
// Why an endpoint is paused: it failed for 24 hours, or the plan no longer includes streaming.
export const auditStreamPauseEnum = pgEnum("audit_stream_pause", ["failing", "plan"]);
// A test event is sent once, at once: it ends delivered or failed; an audit event stays pending until delivered.
export const auditDeliveryStateEnum = pgEnum("audit_delivery_state", ["pending", "delivered", "failed"]);

// Where an organization's audit events are streamed (lib/audit/streams.ts). Signing secrets are stored
// encrypted with ENCRYPTION_KEY (lib/core/encryption.ts); after a rotation the previous one signs too for 24 hours.
export const auditStreamEndpoints = pgTable(
  "audit_stream_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    status: auditStreamStatusEnum("status").notNull().default("active"),
    pausedReason: auditStreamPauseEnum("paused_reason"),
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_stream_endpoints_organization_idx").on(t.organizationId)],
);

// One event (or test event) to one endpoint: the delivery log, kept 30 days. Delivered in id order per endpoint.
export const auditStreamDeliveries = pgTable(
  "audit_stream_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => auditStreamEndpoints.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull(),
    // No foreign key: retention may remove the event while its delivery is still in the log.
    eventId: bigint("event_id", { mode: "number" }),
    messageId: text("message_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    state: auditDeliveryStateEnum("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    lastLatencyMs: integer("last_latency_ms"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("audit_stream_deliveries_endpoint_idx").on(t.endpointId, t.state, t.id),
    index("audit_stream_deliveries_created_idx").on(t.createdAt),
  ],
);

export type JobProgress = {
  chats: number;
  messages: number;
  users?: number;
  totalChats: number;
  totalMessages: number;
  totalUsers?: number;
  /** A retention job: chats last updated before this instant (ISO) go; fixed when the job is queued. */
  cutoff?: string;
  /** An export job: rows written so far and the file each table went to. */
  rows?: number;
  /** An export job whose worker has not yet counted what it will write (the totals above are not known). */
  counting?: boolean;
  /** The daily maintenance round: each task's outcome, so a round taken over skips what is done. */
  tasks?: Record<string, "done" | "failed">;
};

// No foreign key on organization_id: a deletion job outlives the organization it removed.
// A maintenance round concerns no organization; its period (a UTC date) makes it once per day.
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: jobKindEnum("kind").notNull(),
    organizationId: uuid("organization_id"),
    period: text("period"),
    requestedBy: uuid("requested_by"),
    // An API key that asked for the job (the Admin API); no foreign key until that table exists.
    requestedByKeyId: uuid("requested_by_key_id"),
    state: jobStateEnum("state").notNull().default("queued"),
    progress: jsonb("progress").$type<JobProgress>().notNull(),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    // At most one unfinished job of a kind per organization: starting it twice finds the first.
    uniqueIndex("jobs_one_active_per_kind")
      .on(t.organizationId, t.kind)
      .where(sql`${t.state} in ('queued', 'running')`),
    index("jobs_state_idx").on(t.state, t.createdAt),
    // The Organization page's latest jobs of one organization (newest first), without reading every job.
    index("jobs_organization_created_idx").on(t.organizationId, t.createdAt),
    // One maintenance round per period, however many instances try to schedule it.
    uniqueIndex("jobs_one_per_period").on(t.kind, t.period),
    check("jobs_maintenance_has_period", sql`(${t.kind}::text = 'maintenance') = (${t.period} is not null)`),
    check("jobs_work_has_organization", sql`${t.kind}::text = 'maintenance' or ${t.organizationId} is not null`),
  ],
);

// A finished export: a ZIP on disk (EXPORT_DIR) kept 24 hours, downloadable only by whoever started it.
// requested_by_key_id will name an API key (no foreign key until that table exists).
export const organizationExports = pgTable(
  "organization_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    jobId: uuid("job_id").notNull(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "cascade" }),
    requestedByKeyId: uuid("requested_by_key_id"),
    fileName: text("file_name").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("organization_exports_job_unique").on(t.jobId), index("organization_exports_organization_idx").on(t.organizationId, t.createdAt)],
);

export const deletedOrganizations = pgTable("deleted_organizations", {
  id: uuid("id").primaryKey(),
  deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull().defaultNow(),
});

// The secret hashes of a deleted organization's API keys, kept with its tombstone: such a key is
// answered "410 Gone" for good, not "unknown key".
export const deletedApiKeys = pgTable("deleted_api_keys", {
  secretHash: text("secret_hash").primaryKey(),
  organizationId: uuid("organization_id").notNull(),
});

export const helpFeedback = pgTable(
  "help_feedback",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    article: text("article").notNull(),
    locale: localeEnum("locale").notNull(),
    helpful: boolean("helpful").notNull(),
    voter: text("voter").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("help_feedback_one_vote").on(t.article, t.voter)],
);

// Failed sign-ins per email and per client address, shared by every instance through the database.
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export const domainStatusEnum = pgEnum("domain_status", ["pending", "verified", "failing"]);
export const joinModeEnum = pgEnum("join_mode", ["off", "auto", "approval"]);

// An email domain an organization claims. "failing": verified once, the TXT record vanished since.
export const organizationDomains = pgTable(
  "organization_domains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    verificationToken: text("verification_token").notNull(),
    status: domainStatusEnum("status").notNull().default("pending"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastCheckResult: text("last_check_result"),
    // Daily re-checks in a row that did not find the record; the domain is released at DOMAIN_RELEASE_AFTER_FAILED_CHECKS.
    failedChecks: integer("failed_checks").notNull().default(0),
    joinMode: joinModeEnum("join_mode").notNull().default("off"),
    ssoRequired: boolean("sso_required").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organization_domains_per_organization").on(t.organizationId, t.domain),
    // Many organizations may claim a domain; only one may hold it verified.
    uniqueIndex("organization_domains_verified_unique")
      .on(t.domain)
      .where(sql`${t.status} in ('verified', 'failing')`),
    check("organization_domains_lower_case", sql`${t.domain} = lower(${t.domain})`),
  ],
);

// Someone who signed up with an email of a domain in approval mode, waiting for an Admin.
export const joinRequests = pgTable(
  "join_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    domainId: uuid("domain_id")
      .notNull()
      .references(() => organizationDomains.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: localeEnum("locale").notNull().default("en"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("join_requests_email_unique").on(t.email),
    index("join_requests_organization_idx").on(t.organizationId),
    check("join_requests_email_lower_case", sql`${t.email} = lower(${t.email})`),
  ],
);

// The organization's SAML identity provider (Enterprise). One per organization.
export const samlConnections = pgTable("saml_connections", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  idpEntityId: text("idp_entity_id").notNull(),
  idpSsoUrl: text("idp_sso_url").notNull(),
  idpCertificate: text("idp_certificate").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// AuthnRequest IDs we issued: a response must answer one of them, once (InResponseTo).
export const samlRequests = pgTable("saml_requests", {
  id: text("id").primaryKey(),
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

// Assertion IDs already used, kept past their validity so a replay is refused.
export const samlAssertions = pgTable(
  "saml_assertions",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    assertionId: text("assertion_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.assertionId] })],
);

// One-time, short-lived proof from our ACS that Auth.js's "saml" provider redeems for a session.
export const loginTickets = pgTable("login_tickets", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

export const emailTokenPurposeEnum = pgEnum("email_token_purpose", ["joinConfirmation", "passwordReset", "organizationRestore"]);

// Single-use links sent by email. Only the SHA-256 of the token is kept; payload holds what the link completes.
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: emailTokenPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_tokens_token_hash_unique").on(t.tokenHash), index("email_tokens_email_idx").on(t.email, t.purpose)],
);

// One row per signed-in browser: the session cookie names a row, and ending a session revokes it.
// user_id goes null with the account, so the browser still learns why it was signed out.
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent"),
    clientAddress: text("client_address"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    endReason: text("end_reason"),
    // How the person proved who they are ("password", "totp", "recovery", "sso") and when last (step-up asks again after 10 minutes).
    signInMethod: text("sign_in_method").notNull().default("password"),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// An organization's API key. Only the SHA-256 of the secret is kept; `prefix` tells keys apart.
// The key belongs to the organization: its creator may leave, the key stays (created_by goes null).
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdByName: text("created_by_name"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedAddress: text("last_used_address"),
  },
  (t) => [uniqueIndex("api_keys_secret_hash_unique").on(t.secretHash), index("api_keys_organization_idx").on(t.organizationId, t.createdAt)],
);

// Requests per key per minute, shared by every instance: one upsert per request.
export const apiRateWindows = pgTable("api_rate_windows", {
  keyId: uuid("key_id")
    .primaryKey()
    .references(() => apiKeys.id, { onDelete: "cascade" }),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  requests: integer("requests").notNull().default(0),
});

// The first answer to a POST sent with an Idempotency-Key, replayed for 24 hours to the same key and body.
export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    keyId: uuid("key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.idempotencyKey] }), index("api_idempotency_created_idx").on(t.createdAt)],
);

export const twoStepPolicyEnum = pgEnum("two_step_policy", ["off", "admins", "everyone"]);

// An organization's rule for two-step sign-in: who must have it, and how many days they get to set it up.
export const twoStepPolicies = pgTable("two_step_policies", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  requiredFor: twoStepPolicyEnum("required_for").notNull().default("off"),
  graceDays: integer("grace_days").notNull().default(0),
  // The grace period runs from here; it restarts whenever the rule is tightened.
  since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check("two_step_policies_grace_days", sql`${t.graceDays} between 0 and 30`)]);

// One authenticator app per person. The secret is sealed with ENCRYPTION_KEY; confirmed_at is null until a first code matched.
export const totpAuthenticators = pgTable("totp_authenticators", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEncrypted: text("secret_encrypted").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  // The 30-second step of the last code accepted: a code is never accepted twice.
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: createdAt(),
});

// Ten single-use recovery codes per person; only a SHA-256 of each is kept.
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_unique").on(t.userId, t.codeHash)],
);

// Passkeys (WebAuthn) as a second step: the credential's ID and public key, base64url; the counter guards against cloned authenticators.
export const passkeys = pgTable(
  "passkeys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>().notNull().default([]),
    name: text("name").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("passkeys_credential_id_unique").on(t.credentialId), index("passkeys_user_idx").on(t.userId)],
);

// A WebAuthn challenge waits here for its answer, a few minutes at most, and is spent once.
export const passkeyChallenges = pgTable(
  "passkey_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    challenge: text("challenge").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("passkey_challenges_user_idx").on(t.userId, t.purpose)],
);

// Between the password and the second step: a short-lived, single-use token held in an HttpOnly cookie (only its SHA-256 here).
export const pendingSignIns = pgTable(
  "pending_sign_ins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Set once the second step passed (or was not needed), with the method; only then may a session start.
    passedWith: text("passed_with"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("pending_sign_ins_token_hash_unique").on(t.tokenHash), index("pending_sign_ins_expires_idx").on(t.expiresAt)],
);

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Plan = (typeof planEnum.enumValues)[number];
export type Role = (typeof roleEnum.enumValues)[number];
export type Locale = (typeof localeEnum.enumValues)[number];
export type AuditChain = typeof auditChains.$inferSelect;
export type AuditStreamEndpoint = typeof auditStreamEndpoints.$inferSelect;
export type AuditStreamDelivery = typeof auditStreamDeliveries.$inferSelect;
export type AuditActorKind = (typeof auditActorKindEnum.enumValues)[number];
export type Job = typeof jobs.$inferSelect;
export type OrganizationDomain = typeof organizationDomains.$inferSelect;
export type JoinMode = (typeof joinModeEnum.enumValues)[number];
export type JoinRequest = typeof joinRequests.$inferSelect;
export type EmailTokenPurpose = (typeof emailTokenPurposeEnum.enumValues)[number];
export type SamlConnection = typeof samlConnections.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type OrganizationExport = typeof organizationExports.$inferSelect;
