// Who is signed in (`me`), for every page; the session itself is an HttpOnly cookie the server manages.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import { useClient, useMutation, useQuery, type CombinedError } from "urql";
import { graphql } from "../graphql";
import type { MeQuery } from "../graphql/graphql";

export const MeDocument = graphql(`
  query Me {
    me {
      id
      email
      fullName
      role
      partner {
        id
        name
      }
    }
  }
`);

const LogoutDocument = graphql(`
  mutation Logout {
    logout {
      ok
    }
  }
`);

export type SessionUser = NonNullable<MeQuery["me"]>;
export type Role = SessionUser["role"];

interface Session {
  user: SessionUser | null;
  loading: boolean;
  /** Why `me` could not be read (server unreachable…); pages show it instead of their content. */
  error: CombinedError | undefined;
  /** Re-reads `me` from the network (after sign-in or invitation acceptance); resolves once the new
   *  `me` is in the session, so a page navigated to next sees the person signed in (no detour by the
   *  sign-in page). */
  refresh: () => Promise<void>;
  /** Revokes the session (the server clears its cookie), then reloads on the sign-in page: no data
   *  of the previous person stays in memory. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [result] = useQuery({ query: MeDocument });
  const [, logout] = useMutation(LogoutDocument);
  // The same operation as the useQuery above: its answer updates the session's `me` too.
  const refresh = useCallback(async () => {
    await client.query(MeDocument, {}, { requestPolicy: "network-only" }).toPromise();
  }, [client]);
  const signOut = useCallback(async () => {
    await logout({});
    window.location.assign("/connexion?deconnexion=1");
  }, [logout]);
  const value = useMemo<Session>(
    () => ({
      user: result.data?.me ?? null,
      loading: result.fetching && !result.data,
      error: result.data ? undefined : result.error,
      refresh,
      signOut,
    }),
    [result.data, result.fetching, result.error, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside SessionProvider");
  return session;
}

export const PARTNER_ROLES: readonly Role[] = ["PARTNER_ADMIN", "PARTNER_RECRUITER"];

/** Where a person lands after signing in, by role. */
export function homeFor(role: Role): string {
  return PARTNER_ROLES.includes(role) ? "/partenaire" : "/espace";
}
