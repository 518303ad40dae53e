// The team area's pages in the partner space (spread into features/partner/space.tsx).
import type { SpacePage } from "../../app/space";
import { messages } from "./messages";
import { TeamPage } from "./TeamPage";

export const teamPages: readonly SpacePage[] = [
  { path: "equipe", element: <TeamPage />, navLabel: messages.nav, roles: ["PARTNER_ADMIN"] },
];
