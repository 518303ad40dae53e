// The candidates area's pages in the partner space (spread into features/partner/space.tsx); its code
// is fetched on first visit.
import { lazyPage } from "../../app/lazyPage";
import type { SpacePage } from "../../app/space";

/** Reached from the dashboard, notifications and postings: `/partenaire/annonces/<id>/candidats`. */
export const candidatePages: readonly SpacePage[] = [
  {
    path: "annonces/:postingId/candidats",
    element: lazyPage(() => import("./CandidatesPage").then((module) => module.CandidatesPage)),
  },
];
