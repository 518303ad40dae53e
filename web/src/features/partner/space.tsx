// The partner companies' space: one entry per page (route + navigation link). Add pages here.
import type { Space } from "../../app/space";
import { CandidatesPage } from "../candidates/CandidatesPage";
import { DashboardPage } from "../dashboard/DashboardPage";
import { TeamPage } from "../team/TeamPage";
import { messages } from "./messages";

export const partnerSpace: Space = {
  basePath: "/partenaire",
  roles: ["PARTNER_ADMIN", "PARTNER_RECRUITER"],
  pages: [
    { path: "", element: <DashboardPage />, navLabel: messages.nav.home },
    // e.g. { path: "annonces", element: <PostingsPage />, navLabel: messages.nav.postings },
    { path: "annonces/:postingId/candidats", element: <CandidatesPage /> },
    { path: "equipe", element: <TeamPage />, navLabel: messages.nav.team, roles: ["PARTNER_ADMIN"] },
  ],
};
