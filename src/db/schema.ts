import type { ColumnType } from "kysely";
import type { LicenseState } from "../../contracts/farms.ts";
import type {
  GatewayEventsTable,
  InvoiceCountersTable,
  InvoicesTable,
  OrderLinesTable,
  OrdersTable,
  PaymentMethodsTable,
  PaymentsTable,
  PricesTable,
  RenewalAttemptsTable,
  StoreSettingsTable,
  TaxRatesTable,
} from "./schema-store.ts";
import type {
  SupportAttachmentsTable,
  SupportIncidentsTable,
  SupportMessagesTable,
  SupportPlansTable,
  SupportTicketsTable,
  SupportWatchersTable,
} from "./schema-support.ts";

/**
 * Table types as domain code sees them: camelCase (CamelCasePlugin) and normalized
 * by NormalizeResultsPlugin (Dates, booleans, parsed JSON). Better Auth owns the
 * identity tables; we type only the columns our code reads or writes.
 */
type Timestamp = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

export type UsersTable = {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  emailVerified: ColumnType<boolean, boolean | undefined, boolean>;
  image: string | null;
  locale: ColumnType<string, string | undefined, string>;
  isOperator: ColumnType<boolean, boolean | undefined, boolean>;
  twoFactorEnabled: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type SessionsTable = {
  id: string;
  userId: string;
  token: string;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type AuthAccountsTable = {
  id: string;
  userId: string;
  accountId: string;
  providerId: string;
  password: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type OutboxTable = {
  id: string;
  kind: string;
  template: string;
  recipient: string;
  locale: string;
  payloadJson: Json<Record<string, string>>;
  status: "pending" | "sent" | "dead";
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Timestamp;
  sentAt: Date | null;
};

export type AuditEventsTable = {
  id: string;
  occurredAt: Timestamp;
  actorUserId: string | null;
  accountId: string | null;
  action: string;
  outcome: "success" | "failure" | "denied";
  targetType: string | null;
  targetId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  metadataJson: Json<Record<string, unknown>> | null;
};

export type AccountsTable = {
  id: string;
  kind: "personal" | "business";
  ownerUserId: string | null;
  companyName: string | null;
  country: string | null;
  postcode: string | null;
  businessPhone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  vatId: string | null;
  website: string | null;
  createdByUserId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type MembershipsTable = {
  accountId: string;
  userId: string;
  role: "member" | "admin";
  status: "active" | "blocked";
  /** Copies of the person's email and name, for sorting and searching the Users list on one table. */
  email: string;
  displayName: string;
  nameKey: string;
  joinedAt: Date;
  updatedAt: Date;
};

export type MembershipRoleChangesTable = {
  id: string;
  accountId: string;
  userId: string;
  fromRole: "member" | "admin" | null;
  toRole: "member" | "admin";
  note: string | null;
  changedByUserId: string | null;
  changedAt: Date;
};

export type InvitationsTable = {
  id: string;
  accountId: string;
  email: string;
  locale: string;
  role: "member" | "admin";
  status: "pending" | "accepted" | "revoked";
  tokenHash: string;
  invitedByUserId: string | null;
  sentAt: Date;
  expiresAt: Date;
  sendCount: ColumnType<number, number | undefined, number>;
  acceptedByUserId: string | null;
  closedAt: Date | null;
  createdAt: Timestamp;
};

export type ProductsTable = { id: string; code: string; name: string; createdAt: Timestamp };

export type SubscriptionsTable = {
  id: string;
  accountId: string | null;
  productId: string;
  displayName: string;
  nameKey: string;
  licenseType: "subscription" | "trial" | "nfr" | "permanent";
  term: "1m" | "1y" | "2y" | "3y" | null;
  totalLicenses: number;
  supportPlan: "standard" | "premium";
  salesChannel: "online" | "reseller" | "direct";
  resellerName: string | null;
  contactName: string | null;
  contactEmail: string | null;
  renewalEnabled: ColumnType<boolean, boolean | undefined, boolean>;
  startsAt: Date;
  expiresAt: Date | null;
  maintenanceExpiresAt: Date | null;
  activatedAt: Date | null;
  suspendedAt: Date | null;
  canceledAt: Date | null;
  issuedByUserId: string | null;
  /** Store: set while a failed renewal payment is being retried (7 days). */
  paymentGraceEndsAt: Date | null;
  /** Store: the day renewal periods count from. */
  billingAnchorAt: Date | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type LicenseKeysTable = {
  id: string;
  subscriptionId: string;
  accountId: string | null;
  kind: "primary" | "additional";
  name: string;
  licenses: number | null;
  maxUsersPerFarm: number | null;
  renewWithSubscription: ColumnType<boolean, boolean | undefined, boolean>;
  customExpiresAt: Date | null;
  keyHash: string;
  keyCiphertext: string;
  keyTail: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type LicenseKeyAdminsTable = {
  keyId: string;
  accountId: string;
  userId: string;
  grantedByUserId: string | null;
  grantedAt: Date;
};

export type SubscriptionRemindersTable = {
  subscriptionId: string;
  kind: "30d" | "7d" | "1d" | "expired";
  expiresAt: Date;
  sentAt: Date;
};

export type FarmsTable = {
  id: string;
  accountId: string;
  subscriptionId: string;
  keyId: string;
  farmUid: string;
  serverId: string;
  name: string;
  nameKey: string;
  appVersion: string;
  notes: ColumnType<string, string | undefined, string>;
  status: "active" | "deactivated";
  licenseState: LicenseState;
  credentialHash: string;
  lastSequence: ColumnType<number, number | undefined, number>;
  currentUsers: ColumnType<number, number | undefined, number>;
  lastPeakUsers: ColumnType<number, number | undefined, number>;
  peakUsers: ColumnType<number, number | undefined, number>;
  activatedAt: Date;
  activatedByUserId: string | null;
  lastReportAt: Date | null;
  deactivatedAt: Date | null;
  deactivatedByUserId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type KeyUsageTable = {
  keyId: string;
  graceStartedAt: Date | null;
  graceEndsAt: Date | null;
  graceLimit: number | null;
  episodeId: string | null;
  updatedAt: Date;
};

export type OveruseEpisodesTable = {
  id: string;
  keyId: string;
  accountId: string;
  startedAt: Date;
  endedAt: Date | null;
  graceEndsAt: Date;
  limitAtStart: number;
  peakUsers: number;
  deactivatedAt: Date | null;
};

export type OveruseNoticesTable = {
  episodeId: string;
  kind: "started" | "grace_ending" | "deactivated" | "back_under";
  sentAt: Date;
};

export type FarmReportsTable = {
  farmId: string;
  sequence: number;
  keyId: string;
  receivedAt: Date;
  hourStart: Date;
  dayStart: Date;
  currentUsers: number;
  peakUsers: number;
  pooledUsers: number;
  licensed: number;
};

export type KeyUsageHourlyTable = { keyId: string; hourStart: Date; maxUsers: number; licensed: number };
export type KeyUsageDailyTable = { keyId: string; dayStart: Date; maxUsers: number; licensed: number };
export type FarmUsageDailyTable = { farmId: string; dayStart: Date; maxUsers: number; licensed: number };
export type TrialActivationsTable = { accountId: string; subscriptionId: string; startedAt: Date };

export type {
  GatewayEventsTable,
  InvoiceCountersTable,
  InvoiceParty,
  InvoicesTable,
  OrderKind,
  OrderLinesTable,
  OrderPaymentMethod,
  OrderStatus,
  OrdersTable,
  PaymentMethodsTable,
  PaymentStatus,
  PaymentsTable,
  PricesTable,
  RenewalAttemptsTable,
  StoreSettingsTable,
  TaxRatesTable,
} from "./schema-store.ts";

export type StoredFilesTable = {
  id: string;
  storageKey: string;
  byteSize: number;
  sha256: string;
  mediaType: string;
  purpose: "release" | "attachment";
  uploadedByUserId: string | null;
  createdAt: Date;
};
export type ReleasesTable = {
  id: string;
  productId: string;
  version: string;
  platform: string;
  fileName: string;
  notes: string;
  fileId: string | null;
  status: "draft" | "published";
  releasedAt: Date | null;
  createdByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type DB = {
  users: UsersTable;
  sessions: SessionsTable;
  authAccounts: AuthAccountsTable;
  outbox: OutboxTable;
  auditEvents: AuditEventsTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  membershipRoleChanges: MembershipRoleChangesTable;
  invitations: InvitationsTable;
  products: ProductsTable;
  subscriptions: SubscriptionsTable;
  licenseKeys: LicenseKeysTable;
  licenseKeyAdmins: LicenseKeyAdminsTable;
  subscriptionReminders: SubscriptionRemindersTable;
  farms: FarmsTable;
  keyUsage: KeyUsageTable;
  overuseEpisodes: OveruseEpisodesTable;
  overuseNotices: OveruseNoticesTable;
  farmReports: FarmReportsTable;
  keyUsageHourly: KeyUsageHourlyTable;
  keyUsageDaily: KeyUsageDailyTable;
  farmUsageDaily: FarmUsageDailyTable;
  trialActivations: TrialActivationsTable;
  storeSettings: StoreSettingsTable;
  taxRates: TaxRatesTable;
  prices: PricesTable;
  orders: OrdersTable;
  orderLines: OrderLinesTable;
  payments: PaymentsTable;
  gatewayEvents: GatewayEventsTable;
  paymentMethods: PaymentMethodsTable;
  invoiceCounters: InvoiceCountersTable;
  invoices: InvoicesTable;
  renewalAttempts: RenewalAttemptsTable;
  storedFiles: StoredFilesTable;
  releases: ReleasesTable;
  supportPlans: SupportPlansTable;
  supportTickets: SupportTicketsTable;
  supportMessages: SupportMessagesTable;
  supportAttachments: SupportAttachmentsTable;
  supportWatchers: SupportWatchersTable;
  supportIncidents: SupportIncidentsTable;
};
