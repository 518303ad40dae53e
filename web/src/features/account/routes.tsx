// The account pages: reached from e-mailed links, the sign-in steps and the security page.
import type { RouteObject } from "react-router";
import { RequireRole } from "../../app/RequireRole";
import { ConfirmEmailChangePage, VerifyEmailPage } from "./LinkActionPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./PasswordResetPages";
import { EnrolSecondFactorPage, SecondFactorPage } from "./SecondFactorPages";
import { SecurityPage } from "./SecurityPage";

const EVERYONE = ["MEMBER", "FEDERATION_ADMIN", "PARTNER_ADMIN", "PARTNER_RECRUITER"] as const;

export const accountRoutes: RouteObject[] = [
  { path: "/compte/verifier", element: <VerifyEmailPage /> },
  { path: "/compte/adresse", element: <ConfirmEmailChangePage /> },
  { path: "/mot-de-passe/oublie", element: <ForgotPasswordPage /> },
  { path: "/mot-de-passe/nouveau", element: <ResetPasswordPage /> },
  { path: "/connexion/second-facteur", element: <SecondFactorPage /> },
  { path: "/connexion/activer-double-authentification", element: <EnrolSecondFactorPage /> },
  {
    path: "/compte/double-authentification",
    element: (
      <RequireRole roles={[...EVERYONE]}>
        <EnrolSecondFactorPage />
      </RequireRole>
    ),
  },
  {
    path: "/compte/securite",
    element: (
      <RequireRole roles={[...EVERYONE]}>
        <SecurityPage />
      </RequireRole>
    ),
  },
];
