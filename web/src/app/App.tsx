import { Fragment, type ReactNode } from "react";
import { MailboxPage } from "../features/dev-mailbox/MailboxPage.tsx";
import { DashboardPage } from "../features/identity/DashboardPage.tsx";
import { EmailVerifiedPage } from "../features/identity/EmailVerifiedPage.tsx";
import { ForgotPasswordPage } from "../features/identity/ForgotPasswordPage.tsx";
import { ProfilePage } from "../features/identity/ProfilePage.tsx";
import { ResetPasswordPage } from "../features/identity/ResetPasswordPage.tsx";
import { SignInPage } from "../features/identity/SignInPage.tsx";
import { SignUpPage } from "../features/identity/SignUpPage.tsx";
import { SecurityPage } from "../features/identity/security/SecurityPage.tsx";
import { SessionProvider } from "../lib/session.ts";
import { AppShell } from "./AppShell.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { PublicLayout } from "./PublicLayout.tsx";
import { RequireAuth } from "./RequireAuth.tsx";
import { useLocation } from "./router.tsx";

const signedIn = (path: string, page: ReactNode) => (
  <RequireAuth>
    <AppShell>
      <Fragment key={path}>{page}</Fragment>
    </AppShell>
  </RequireAuth>
);

const PUBLIC: Record<string, () => ReactNode> = {
  "/sign-up": () => <SignUpPage />,
  "/sign-in": () => <SignInPage />,
  "/forgot-password": () => <ForgotPasswordPage />,
  "/reset-password": () => <ResetPasswordPage />,
  "/email-verified": () => <EmailVerifiedPage />,
};

const PRIVATE: Record<string, () => ReactNode> = {
  "/": () => <DashboardPage />,
  "/profile": () => <ProfilePage />,
  "/security": () => <SecurityPage />,
};

function Routes() {
  const { pathname } = useLocation();
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const publicPage = PUBLIC[path];
  // `key` remounts the page on navigation, so each page starts fresh and its heading takes focus.
  if (publicPage) return <PublicLayout key={path}>{publicPage()}</PublicLayout>;
  const privatePage = PRIVATE[path];
  if (privatePage) return signedIn(path, privatePage());
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
      <Routes />
    </SessionProvider>
  );
}
