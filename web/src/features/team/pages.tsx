// The team area's pages in the partner space (spread into features/partner/space.tsx); its code is
// fetched on first visit.
import { lazyPage } from "../../app/lazyPage";
import type { SpacePage } from "../../app/space";
import { messages } from "./messages";

export const teamPages: readonly SpacePage[] = [
  {
    path: "equipe",
    element: lazyPage(() => import("./TeamPage").then((module) => module.TeamPage)),
    navLabel: messages.nav,
    roles: ["PARTNER_ADMIN"],
  },
];
