// The partner companies' space: one entry per page (route + navigation link). Add pages here.
import type { Space } from "../../app/space";
import { candidatePages } from "../candidates/pages";
import { DashboardPage } from "../dashboard/DashboardPage";
import { postingPages } from "../postings/pages";
import { reportPages } from "../reports/pages";
import { teamPages } from "../team/pages";
import { messages } from "./messages";

export const partnerSpace: Space = {
  basePath: "/partenaire",
  roles: ["PARTNER_ADMIN", "PARTNER_RECRUITER"],
  pages: [
    { path: "", element: <DashboardPage />, navLabel: messages.nav.home },
    ...postingPages,
    ...candidatePages,
    ...teamPages,
    ...reportPages,
  ],
};
