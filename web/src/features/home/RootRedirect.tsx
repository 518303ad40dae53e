// "/" sends each person to their space, or to the sign-in page.
import { Navigate } from "react-router";
import { problemOf } from "../../app/errors";
import { ProblemView } from "../../app/ProblemView";
import { Loading } from "../../app/QueryResult";
import { homeFor, useSession } from "../../app/session";

export function RootRedirect() {
  const { user, loading, error } = useSession();
  if (error) return <ProblemView problem={problemOf(error)} />;
  if (loading) return <Loading />;
  return <Navigate to={user ? homeFor(user.role) : "/connexion"} replace />;
}
