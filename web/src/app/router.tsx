// Every route of the client: public pages, then one subtree per space (guarded by role).
import { createBrowserRouter, type RouteObject } from "react-router";
import { accountRoutes } from "../features/account/routes";
import { AcceptInvitationPage } from "../features/auth/AcceptInvitationPage";
import { SignInPage } from "../features/auth/SignInPage";
import { ComingSoonPage } from "../features/home/ComingSoonPage";
import { RootRedirect } from "../features/home/RootRedirect";
import { partnerSpace } from "../features/partner/space";
import { RouteErrorBoundary } from "./ErrorBoundary";
import { Layout } from "./Layout";
import { ProblemView } from "./ProblemView";
import { RequireRole } from "./RequireRole";
import type { Space } from "./space";

function spaceRoute(space: Space): RouteObject {
  return {
    path: space.basePath,
    element: (
      <RequireRole roles={space.roles}>
        <Layout space={space} />
      </RequireRole>
    ),
    errorElement: <RouteErrorBoundary />,
    children: space.pages.map((page) => {
      const element = page.roles ? <RequireRole roles={page.roles}>{page.element}</RequireRole> : page.element;
      return page.path === "" ? { index: true, element } : { path: page.path, element };
    }),
  };
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { path: "/", element: <RootRedirect /> },
      { path: "/connexion", element: <SignInPage /> },
      { path: "/invitation", element: <AcceptInvitationPage /> },
      { path: "/invitation/:token", element: <AcceptInvitationPage /> },
      ...accountRoutes,
      {
        path: "/espace",
        element: (
          <RequireRole roles={["MEMBER", "FEDERATION_ADMIN"]}>
            <ComingSoonPage />
          </RequireRole>
        ),
      },
    ],
  },
  spaceRoute(partnerSpace),
  {
    element: <Layout />,
    children: [{ path: "*", element: <ProblemView problem={{ kind: "notFound", message: "" }} /> }],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
