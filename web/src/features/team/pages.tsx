// The team area's pages in the partner space (spread into features/partner/space.tsx).
// Loaded on first visit (lazyPage): the dashboard, the first page shown, does not wait for their code.
import { lazyPage } from "../../app/lazyPage";
import type { SpacePage } from "../../app/space";
import { messages } from "./messages";

export const teamPages: readonly SpacePage[] = [
  { path: "equipe", element: lazyPage(() => import("./TeamPage").then((module) => module.TeamPage)), navLabel: messages.nav, roles: ["PARTNER_ADMIN"] },
];
