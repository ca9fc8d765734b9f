/**
 * Issue 8, point 2: one authorization table. For every route of the OpenAPI document (and
 * the routes it leaves out that matter: health, readiness and metrics, and HEAD on the file
 * routes), who may call it and what everyone else gets. A new route fails the coverage test
 * until it has a row here (with its rule) and a call in route-table.test.ts (how to call it).
 * route-table.test.ts drives every row for every actor against a real app, and fails when
 * a documented route is missing here or a row names a route that does not exist.
 *
 * The actors, all relative to one business account A:
 * - outsider: no cookie, no credential;
 * - regular: a Regular Member of A, License Administrator of no key;
 * - keyAdmin: a Regular Member of A, License Administrator of key X ("the key": the
 *   additional key a key-scoped route is about);
 * - otherKeyAdmin: a Regular Member of A, License Administrator of key Y, another additional
 *   key of the same subscription;
 * - blocked: a blocked member of A;
 * - admin: an Account Administrator of A;
 * - otherAdmin: the Account Administrator of another account, calling with A's ids;
 * - operator: a vendor operator (signed in, not a member of A);
 * - farm: a farm on key X, calling with its Bearer farm credential (from /api/farm/v1/activate)
 *   and no cookie.
 * Account-scoped routes are called under A's id; support ticket routes are about a ticket the
 * Regular Member opened; the watch-link routes are called with the link's real token, which is
 * the only credential they know.
 */

export const ACTORS = [
  "outsider",
  "regular",
  "keyAdmin",
  "otherKeyAdmin",
  "blocked",
  "admin",
  "otherAdmin",
  "operator",
  "farm",
] as const;
export type Actor = (typeof ACTORS)[number];

export type Refusal = { status: number; code: string };
/** Who may call a route; every other actor gets its `otherwise` answer (problem+json with that code). */
export type Rule = { allow: readonly Actor[]; otherwise: Partial<Record<Actor, Refusal>> };
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteRow = Rule & {
  method: Method;
  /** As in the OpenAPI document. */
  path: string;
  /** The status of an allowed call (200 unless said). */
  ok?: number;
  /** Not in the OpenAPI document (Fastify's swagger leaves HEAD out); checked against the router instead. */
  undocumented?: true;
};

const refusal = (status: number, code: string): Refusal => ({ status, code });
const UNAUTHENTICATED = refusal(401, "UNAUTHENTICATED");
const MEMBERSHIP_BLOCKED = refusal(403, "MEMBERSHIP_BLOCKED");
const ACCOUNT_NOT_FOUND = refusal(404, "ACCOUNT_NOT_FOUND");
const ADMIN_ROLE_REQUIRED = refusal(403, "ADMIN_ROLE_REQUIRED");
const OPERATOR_REQUIRED = refusal(403, "OPERATOR_REQUIRED");

const SESSIONS: Actor[] = ["regular", "keyAdmin", "otherKeyAdmin", "blocked", "admin", "otherAdmin", "operator"];
const MEMBERS: Actor[] = ["regular", "keyAdmin", "otherKeyAdmin", "admin"];
const noSession = { outsider: UNAUTHENTICATED, farm: UNAUTHENTICATED };
/** Account access (accounts/account-access.ts): no membership answers 404, a blocked one 403. */
const notOfA = { otherAdmin: ACCOUNT_NOT_FOUND, operator: ACCOUNT_NOT_FOUND, blocked: MEMBERSHIP_BLOCKED };

/** The shared rules, one per kind of route. */
export const RULES = {
  /** Anyone, with or without a session. */
  public: { allow: [...ACTORS], otherwise: {} },
  /** Any signed-in person. */
  signedIn: { allow: SESSIONS, otherwise: noSession },
  /** Any active member of the account in the URL. */
  member: { allow: MEMBERS, otherwise: { ...noSession, ...notOfA } },
  /** Account Administrators of the account in the URL. */
  accountAdmin: {
    allow: ["admin"],
    otherwise: {
      ...noSession,
      ...notOfA,
      regular: ADMIN_ROLE_REQUIRED,
      keyAdmin: ADMIN_ROLE_REQUIRED,
      otherKeyAdmin: ADMIN_ROLE_REQUIRED,
    },
  },
  /** Vendor operators. */
  operator: {
    allow: ["operator"],
    otherwise: {
      ...noSession,
      ...Object.fromEntries(SESSIONS.filter((a) => a !== "operator").map((a) => [a, OPERATOR_REQUIRED])),
    },
  },
  /** The farm itself (check-in, deactivate): only its credential counts, a cookie means nothing. */
  farm: {
    allow: ["farm"],
    otherwise: Object.fromEntries(ACTORS.filter((a) => a !== "farm").map((a) => [a, refusal(401, "FARM_CREDENTIAL_INVALID")])),
  },
} satisfies Record<string, Rule>;

/** `rule` with some of its allowed actors refused. */
export function except(rule: Rule, refused: Partial<Record<Actor, Refusal>>): Rule {
  return { allow: rule.allow.filter((a) => !(a in refused)), otherwise: { ...rule.otherwise, ...refused } };
}

// Narrower rules inside an account: what the member may see decides (licensing-scope.ts, farms-portal.repo.ts).
const SUBSCRIPTION_NOT_FOUND = refusal(404, "SUBSCRIPTION_NOT_FOUND");
const LICENSE_KEY_NOT_FOUND = refusal(404, "LICENSE_KEY_NOT_FOUND");
const FARM_NOT_FOUND = refusal(404, "FARM_NOT_FOUND");
const TICKET_NOT_FOUND = refusal(404, "TICKET_NOT_FOUND");
/** The subscription holding X and Y: its keys' License Administrators see it, other Regular Members do not. */
const subscription = except(RULES.member, { regular: SUBSCRIPTION_NOT_FOUND });
/** Key X: its License Administrator may; the administrator of another key does not see it. */
const key = except(subscription, { otherKeyAdmin: LICENSE_KEY_NOT_FOUND });
/** Creating a key reserves licenses from the pool: Account Administrators (and the Primary Key's License Administrators). */
const createKey = except(subscription, { keyAdmin: refusal(403, "FORBIDDEN"), otherKeyAdmin: refusal(403, "FORBIDDEN") });
/** Deleting a key returns licenses to the pool: its own License Administrator may not. */
const deleteKey = except(key, { keyAdmin: refusal(403, "FORBIDDEN") });
/** A farm on key X. */
const farmOnX = except(RULES.member, { regular: FARM_NOT_FOUND, otherKeyAdmin: FARM_NOT_FOUND });
/** Key X's usage. */
const keyUsage = except(RULES.member, { regular: LICENSE_KEY_NOT_FOUND, otherKeyAdmin: LICENSE_KEY_NOT_FOUND });
/** The Regular Member's ticket: its creator, its watchers and the Account Administrators. */
const ticket = except(RULES.member, { keyAdmin: TICKET_NOT_FOUND, otherKeyAdmin: TICKET_NOT_FOUND });
/** Adding and removing watchers: the same people (a member watcher may remove only themselves: test/support). */
const ticketWatchers = ticket;
/** Downloads: members of an account with an active subscription; a blocked member is told nothing either. */
const downloads = except(RULES.member, { blocked: ACCOUNT_NOT_FOUND });
/**
 * Farm activation: email and password in the body, no cookie. The key is X; managing it decides.
 * The outsider's login belongs to no one; a farm credential is no login at all.
 */
const activation: Rule = {
  allow: ["keyAdmin", "admin"],
  otherwise: {
    outsider: refusal(401, "INVALID_LOGIN_OR_PASSWORD"),
    farm: refusal(400, "VALIDATION_FAILED"),
    regular: refusal(403, "ACTIVATION_NOT_ALLOWED"),
    otherKeyAdmin: refusal(403, "ACTIVATION_NOT_ALLOWED"),
    blocked: MEMBERSHIP_BLOCKED,
    otherAdmin: LICENSE_KEY_NOT_FOUND,
    operator: LICENSE_KEY_NOT_FOUND,
  },
};
/** A provider's event without a valid signature: refused for everyone alike. */
const unsignedEvent: Rule = {
  allow: [],
  otherwise: Object.fromEntries(ACTORS.map((a) => [a, refusal(400, "GATEWAY_EVENT_INVALID")])),
};

const row = (method: Method, path: string, rule: Rule, extra: Partial<RouteRow> = {}): RouteRow => ({
  method,
  path,
  ...rule,
  ...extra,
});
const created = { ok: 201 };
const noContent = { ok: 204 };

const ACC = "/api/accounts/{accountId}";
const SUBS = `${ACC}/subscriptions`;
const KEY = `${SUBS}/{subscriptionId}/keys/{keyId}`;
const FARMS = `${ACC}/farms`;
const STORE = `${ACC}/store`;
const DL = `${ACC}/downloads`;
const RELEASES = "/api/operator/downloads/releases";
const SUPPORT = `${ACC}/support`;
const TICKET = `${SUPPORT}/tickets/{ticketId}`;
const WATCH = "/api/support/watch/{token}";
const OPS = "/api/operator/support/tickets";

export const ROUTE_TABLE: RouteRow[] = [
  // Health and metrics for load balancers and Prometheus (not in the document)
  row("GET", "/healthz", RULES.public, { undocumented: true }),
  row("GET", "/readyz", RULES.public, { undocumented: true }),
  row("GET", "/metrics", RULES.public, { undocumented: true }),

  // Identity
  row("POST", "/api/identity/sign-up", RULES.public, { ok: 202 }),
  row("GET", "/api/me", RULES.signedIn),
  row("PUT", "/api/me/profile", RULES.signedIn),

  // Accounts, membership, invitations, audit
  row("GET", "/api/accounts", RULES.signedIn),
  row("POST", "/api/accounts", RULES.signedIn, created),
  row("GET", ACC, RULES.member),
  row("PUT", `${ACC}/company`, RULES.accountAdmin),
  row("POST", `${ACC}/leave`, RULES.member, noContent),
  row("GET", `${ACC}/users`, RULES.accountAdmin),
  row("GET", `${ACC}/users.csv`, RULES.accountAdmin),
  row("GET", `${ACC}/users/{userId}`, RULES.accountAdmin),
  row("PUT", `${ACC}/users/{userId}`, RULES.accountAdmin),
  row("POST", `${ACC}/invitations`, RULES.accountAdmin),
  row("GET", `${ACC}/invitations/{invitationId}`, RULES.accountAdmin),
  row("POST", `${ACC}/invitations/{invitationId}/resend`, RULES.accountAdmin),
  row("POST", `${ACC}/invitations/{invitationId}/revoke`, RULES.accountAdmin),
  // The join page: the token in the body is the credential. Accepting needs the invited person's session.
  row("POST", "/api/invitations/preview", RULES.public),
  row("POST", "/api/invitations/accept", RULES.signedIn),
  row("POST", "/api/invitations/accept-new", RULES.public),
  row("GET", `${ACC}/audit`, RULES.accountAdmin),
  row("GET", `${ACC}/audit.csv`, RULES.accountAdmin),

  // Licensing
  row("GET", `${ACC}/dashboard`, RULES.member),
  row("GET", SUBS, RULES.member),
  row("POST", `${SUBS}/register`, RULES.accountAdmin, created),
  row("GET", `${SUBS}/{subscriptionId}`, subscription),
  row("PUT", `${SUBS}/{subscriptionId}`, RULES.accountAdmin),
  row("POST", `${SUBS}/{subscriptionId}/keys`, createKey, created),
  row("GET", KEY, key),
  row("PUT", KEY, key),
  row("DELETE", KEY, deleteKey, noContent),
  row("PUT", `${KEY}/administrators`, RULES.accountAdmin),
  row("GET", "/api/operator/products", RULES.operator),
  row("POST", "/api/operator/products", RULES.operator, created),
  row("PUT", "/api/operator/products/{productId}", RULES.operator),
  row("GET", "/api/operator/search", RULES.operator),
  row("GET", "/api/operator/subscriptions", RULES.operator),
  row("POST", "/api/operator/subscriptions", RULES.operator, created),
  row("GET", "/api/operator/subscriptions/{subscriptionId}", RULES.operator),
  row("POST", "/api/operator/subscriptions/{subscriptionId}/actions", RULES.operator),

  // Farms: the farm API, the public keys, Manage Farms
  row("POST", "/api/farm/v1/activate", activation, created),
  row("POST", "/api/farm/v1/check-in", RULES.farm),
  row("POST", "/api/farm/v1/deactivate", RULES.farm),
  row("GET", "/.well-known/license-portal/keys.json", RULES.public),
  row("GET", "/.well-known/license-portal/signing-key.pem", RULES.public),
  row("GET", FARMS, RULES.member),
  row("GET", `${FARMS}.csv`, RULES.member),
  row("POST", `${FARMS}/deactivate`, farmOnX),
  row("GET", `${FARMS}/{farmId}`, farmOnX),
  row("PATCH", `${FARMS}/{farmId}`, farmOnX),
  row("GET", `${FARMS}/{farmId}/usage`, farmOnX),
  row("GET", `${ACC}/keys/{keyId}/usage`, keyUsage),

  // Store: Account Administrators buy; operators run the price list and bank transfers; the gateway is public
  row("GET", "/api/store/catalog", RULES.signedIn),
  row("POST", `${STORE}/quote`, RULES.accountAdmin),
  row("POST", `${STORE}/upgrade-quote`, RULES.accountAdmin),
  row("POST", `${STORE}/orders`, RULES.accountAdmin, created),
  row("GET", `${STORE}/orders`, RULES.accountAdmin),
  row("POST", `${STORE}/upgrades`, RULES.accountAdmin, created),
  row("GET", `${STORE}/orders/{orderId}`, RULES.accountAdmin),
  row("GET", `${STORE}/orders/{orderId}/invoice.pdf`, RULES.accountAdmin),
  row("HEAD", `${STORE}/orders/{orderId}/invoice.pdf`, RULES.accountAdmin, { undocumented: true }),
  row("GET", `${STORE}/payment-method`, RULES.accountAdmin),
  row("PUT", `${STORE}/payment-method`, RULES.accountAdmin),
  row("DELETE", `${STORE}/payment-method`, RULES.accountAdmin),
  row("GET", "/api/operator/store/price-list", RULES.operator),
  row("PUT", "/api/operator/store/price-list", RULES.operator),
  row("GET", "/api/operator/store/orders", RULES.operator),
  row("POST", "/api/operator/store/orders/{orderId}/confirm-transfer", RULES.operator),
  row("POST", "/api/operator/store/orders/{orderId}/cancel", RULES.operator),
  row("POST", "/api/store/gateways/{gateway}/events", unsignedEvent),
  row("POST", "/api/store/test-gateway/tokens", RULES.public, created),
  row("GET", "/api/store/test-gateway/payments/{paymentRef}", RULES.public),
  row("POST", "/api/store/test-gateway/payments/{paymentRef}/authenticate", RULES.public),

  // Downloads
  row("GET", DL, downloads),
  row("GET", `${DL}/{releaseId}/file`, downloads),
  row("HEAD", `${DL}/{releaseId}/file`, downloads, { undocumented: true }),
  row("GET", RELEASES, RULES.operator),
  row("POST", RELEASES, RULES.operator, created),
  row("PUT", `${RELEASES}/{releaseId}/file`, RULES.operator),
  row("GET", `${RELEASES}/{releaseId}/file`, RULES.operator),
  row("PATCH", `${RELEASES}/{releaseId}`, RULES.operator),
  row("DELETE", `${RELEASES}/{releaseId}`, RULES.operator, noContent),
  row("POST", `${RELEASES}/{releaseId}/publish`, RULES.operator),
  row("POST", `${RELEASES}/{releaseId}/unpublish`, RULES.operator),

  // Support
  row("GET", `${SUPPORT}/options`, RULES.member),
  row("GET", `${SUPPORT}/tickets`, RULES.member),
  row("POST", `${SUPPORT}/tickets`, RULES.member, created),
  row("POST", `${SUPPORT}/attachments`, RULES.member, created),
  row("GET", TICKET, ticket),
  row("POST", `${TICKET}/messages`, ticket, created),
  row("POST", `${TICKET}/status`, ticket),
  row("GET", `${TICKET}/attachments/{attachmentId}`, ticket),
  row("POST", `${TICKET}/watchers`, ticketWatchers, created),
  row("DELETE", `${TICKET}/watchers/{watcherId}`, ticketWatchers, noContent),
  row("GET", WATCH, RULES.public),
  row("POST", `${WATCH}/messages`, RULES.public, created),
  row("POST", `${WATCH}/attachments`, RULES.public, created),
  row("GET", `${WATCH}/attachments/{attachmentId}`, RULES.public),
  row("HEAD", `${WATCH}/attachments/{attachmentId}`, RULES.public, { undocumented: true }),
  row("GET", OPS, RULES.operator),
  row("GET", "/api/operator/support/agents", RULES.operator),
  row("GET", `${OPS}/{ticketId}`, RULES.operator),
  row("PATCH", `${OPS}/{ticketId}`, RULES.operator),
  row("POST", `${OPS}/{ticketId}/messages`, RULES.operator, created),
  row("POST", `${OPS}/{ticketId}/incident-credit`, RULES.operator),
  row("POST", `${OPS}/{ticketId}/attachments`, RULES.operator, created),
  row("GET", `${OPS}/{ticketId}/attachments/{attachmentId}`, RULES.operator),
  row("HEAD", `${OPS}/{ticketId}/attachments/{attachmentId}`, RULES.operator, { undocumented: true }),
];

export const routeId = (r: Pick<RouteRow, "method" | "path">) => `${r.method} ${r.path}`;

/** What `actor` gets from `route`: the allowed status, or the refusal. Throws if the row leaves the actor out. */
export function expectedFor(route: RouteRow, actor: Actor): { status: number; code?: string } {
  if (route.allow.includes(actor)) return { status: route.ok ?? 200 };
  const refused = route.otherwise[actor];
  if (!refused) throw new Error(`${routeId(route)} says nothing about ${actor}`);
  return refused;
}
