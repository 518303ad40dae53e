// Guards a space: not signed in → sign-in page (with the way back); wrong role → a clear refusal.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { problemOf } from "./errors";
import { messages } from "./messages";
import { ProblemView, signInPathFrom } from "./ProblemView";
import { Loading } from "./QueryResult";
import { useSession, type Role } from "./session";

export function RequireRole({ roles, children }: { roles: readonly Role[] | "any"; children: ReactNode }) {
  const { user, loading, error } = useSession();
  const location = useLocation();
  if (error) return <ProblemView problem={problemOf(error)} />;
  if (loading) return <Loading />;
  if (user === null) return <Navigate to={signInPathFrom(location)} replace />;
  if (roles !== "any" && !roles.includes(user.role)) {
    return <ProblemView problem={{ kind: "forbidden", message: messages.errors.forbiddenText }} />;
  }
  return <>{children}</>;
}
