import { Fragment, lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { AccountGate } from "../features/accounts/AccountGate.tsx";
import { AccountProvider } from "../features/accounts/account-context.tsx";
import { AccountsProvider } from "../features/accounts/accounts-store.tsx";
import { BusinessProfilePage } from "../features/accounts/BusinessProfilePage.tsx";
import { CreateAccountPage } from "../features/accounts/CreateAccountPage.tsx";
import { DashboardPage } from "../features/accounts/DashboardPage.tsx";
import { HomeRedirect } from "../features/accounts/HomeRedirect.tsx";
import { type AccountSection, matchAccountRoute } from "../features/accounts/paths.ts";
import { AuditLogPage } from "../features/audit/AuditLogPage.tsx";
import { MailboxPage } from "../features/dev-mailbox/MailboxPage.tsx";
import { DocumentationPage } from "../features/docs/DocumentationPage.tsx";
import { matchDocsRoute } from "../features/docs/paths.ts";
import { DownloadsPage } from "../features/downloads/DownloadsPage.tsx";
import { matchDownloadsRoute } from "../features/downloads/paths.ts";
import { FarmsPage } from "../features/farms/FarmsPage.tsx";
import { matchFarmsRoute } from "../features/farms/paths.ts";
import { EmailVerifiedPage } from "../features/identity/EmailVerifiedPage.tsx";
import { ForgotPasswordPage } from "../features/identity/ForgotPasswordPage.tsx";
import { ProfilePage } from "../features/identity/ProfilePage.tsx";
import { ResetPasswordPage } from "../features/identity/ResetPasswordPage.tsx";
import { SignInPage } from "../features/identity/SignInPage.tsx";
import { SignUpPage } from "../features/identity/SignUpPage.tsx";
import { SecurityPage } from "../features/identity/security/SecurityPage.tsx";
import { JoinPage } from "../features/join/JoinPage.tsx";
import { matchSubscriptionRoute } from "../features/licensing/paths.ts";
import { SubscriptionPage } from "../features/licensing/SubscriptionPage.tsx";
import { UsersPage } from "../features/members/UsersPage.tsx";
import { isOperatorPath } from "../features/operator/paths.ts";
import { BuyMorePage } from "../features/store/BuyMorePage.tsx";
import { OrderPage } from "../features/store/OrderPage.tsx";
import { OrdersPage } from "../features/store/OrdersPage.tsx";
import { PaymentMethodPage } from "../features/store/PaymentMethodPage.tsx";
import { PurchasePage } from "../features/store/PurchasePage.tsx";
import { matchStoreRoute, matchTestAuthenticationRoute, type StoreRoute } from "../features/store/paths.ts";
import { TestAuthenticationPage } from "../features/store/TestAuthenticationPage.tsx";
import { NewTicketPage } from "../features/support/NewTicketPage.tsx";
import { matchSupportRoute, matchWatchRoute, type SupportRoute } from "../features/support/paths.ts";
import { SupportPage } from "../features/support/SupportPage.tsx";
import { TicketPage } from "../features/support/TicketPage.tsx";
import { WatchLinkPage } from "../features/support/WatchLinkPage.tsx";
import { SessionProvider } from "../lib/session.ts";
import { AppShell } from "./AppShell.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { PublicLayout } from "./PublicLayout.tsx";
import { RequireAuth } from "./RequireAuth.tsx";
import { normalizePath, useLocation } from "./router.tsx";

/** The operator console is for vendor staff only, so its code loads when someone opens it. */
const OperatorRoutes = lazy(() => import("../features/operator/OperatorRoutes.tsx").then((m) => ({ default: m.OperatorRoutes })));

function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t("common.loading")}
    </div>
  );
}

/** Public pages; /join works signed in or out. */
const PUBLIC: Record<string, () => ReactNode> = {
  "/sign-up": () => <SignUpPage />,
  "/sign-in": () => <SignInPage />,
  "/forgot-password": () => <ForgotPasswordPage />,
  "/reset-password": () => <ResetPasswordPage />,
  "/email-verified": () => <EmailVerifiedPage />,
  "/join": () => <JoinPage />,
};

/** Signed-in pages outside any one account. */
const PRIVATE: Record<string, () => ReactNode> = {
  "/": () => <HomeRedirect />,
  "/accounts/new": () => <CreateAccountPage />,
  "/profile": () => <ProfilePage />,
  "/security": () => <SecurityPage />,
};

/** The pages of the account in the URL (/accounts/:accountId/…). */
const ACCOUNT_PAGES: Record<AccountSection, (accountId: string) => ReactNode> = {
  dashboard: () => <DashboardPage />,
  "business-profile": () => <BusinessProfilePage />,
  users: (accountId) => <UsersPage accountId={accountId} />,
  audit: (accountId) => <AuditLogPage accountId={accountId} />,
};

/** The store's pages of the account in the URL (features/store). */
const STORE_PAGES: Record<StoreRoute["page"], (route: StoreRoute) => ReactNode> = {
  purchase: () => <PurchasePage />,
  "buy-more": () => <BuyMorePage />,
  orders: () => <OrdersPage />,
  order: (route) => (route.page === "order" ? <OrderPage orderId={route.orderId} /> : null),
  "payment-method": () => <PaymentMethodPage />,
};

/** Support's pages of the account in the URL (features/support). */
const SUPPORT_PAGES: Record<SupportRoute["page"], (route: SupportRoute) => ReactNode> = {
  list: () => <SupportPage />,
  new: () => <NewTicketPage />,
  ticket: (route) => (route.page === "ticket" ? <TicketPage ticketId={route.ticketId} /> : null),
};

/** A page of the account in the URL. Keyed by account: switching accounts loads the other one from scratch. */
function accountPage(accountId: string, path: string, page: ReactNode) {
  return (
    <RequireAuth>
      <AccountProvider key={accountId} accountId={accountId} page={path}>
        <AppShell>
          <AccountGate>
            <Fragment key={path}>{page}</Fragment>
          </AccountGate>
        </AppShell>
      </AccountProvider>
    </RequireAuth>
  );
}

function Routes() {
  const { pathname } = useLocation();
  const path = normalizePath(pathname);
  // `key` remounts the page on navigation, so each page starts fresh and its heading takes focus.
  const publicPage = PUBLIC[path];
  if (publicPage) return <PublicLayout key={path}>{publicPage()}</PublicLayout>;

  const privatePage = PRIVATE[path];
  if (privatePage) {
    return (
      <RequireAuth>
        <AppShell>
          <Fragment key={path}>{privatePage()}</Fragment>
        </AppShell>
      </RequireAuth>
    );
  }

  const account = matchAccountRoute(path);
  if (account) return accountPage(account.accountId, path, ACCOUNT_PAGES[account.section](account.accountId));
  const subscription = matchSubscriptionRoute(path);
  if (subscription) {
    return accountPage(subscription.accountId, path, <SubscriptionPage subscriptionId={subscription.subscriptionId} />);
  }
  const farms = matchFarmsRoute(path);
  if (farms) return accountPage(farms.accountId, path, <FarmsPage accountId={farms.accountId} />);
  const store = matchStoreRoute(path);
  if (store) return accountPage(store.accountId, path, STORE_PAGES[store.page](store));
  const downloads = matchDownloadsRoute(path);
  if (downloads) return accountPage(downloads.accountId, path, <DownloadsPage />);
  const docs = matchDocsRoute(path);
  if (docs) return accountPage(docs.accountId, path, <DocumentationPage />);
  const support = matchSupportRoute(path);
  if (support) return accountPage(support.accountId, path, SUPPORT_PAGES[support.page](support));
  // An outside watcher's link from a ticket email: public, no sign-in (the token is the capability).
  const watch = matchWatchRoute(path);
  if (watch) {
    return (
      <PublicLayout key={path} wide>
        <WatchLinkPage token={watch.token} />
      </PublicLayout>
    );
  }
  // The test gateway's extra step stands in for a card provider's page: public, outside any account.
  const testAuthentication = matchTestAuthenticationRoute(path);
  if (testAuthentication) {
    return (
      <PublicLayout key={path}>
        <TestAuthenticationPage paymentRef={testAuthentication.paymentRef} />
      </PublicLayout>
    );
  }

  if (isOperatorPath(path)) {
    return (
      <RequireAuth>
        <AppShell>
          <Suspense fallback={<PageLoading />}>
            <OperatorRoutes key={path} path={path} />
          </Suspense>
        </AppShell>
      </RequireAuth>
    );
  }

  if (path === "/dev/mailbox") {
    return (
      <PublicLayout wide>
        <MailboxPage />
      </PublicLayout>
    );
  }
  return (
    <PublicLayout key="not-found">
      <NotFoundPage />
    </PublicLayout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <AccountsProvider>
        <Routes />
      </AccountsProvider>
    </SessionProvider>
  );
}
