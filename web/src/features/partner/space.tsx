// The partner companies' space: one entry per page (route + navigation link). Add pages here.
import type { Space } from "../../app/space";
import { reportPages } from "../reports/pages";
import { PartnerHomePage } from "./HomePage";
import { messages } from "./messages";

export const partnerSpace: Space = {
  basePath: "/partenaire",
  roles: ["PARTNER_ADMIN", "PARTNER_RECRUITER"],
  pages: [
    { path: "", element: <PartnerHomePage />, navLabel: messages.nav.home },
    // e.g. { path: "annonces", element: <PostingsPage />, navLabel: messages.nav.postings },
    //      { path: "equipe", element: <TeamPage />, navLabel: messages.nav.team, roles: ["PARTNER_ADMIN"] },
    ...reportPages,
  ],
};
