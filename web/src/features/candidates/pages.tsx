// The candidates area's pages in the partner space (spread into features/partner/space.tsx).
import type { SpacePage } from "../../app/space";
import { CandidatesPage } from "./CandidatesPage";

/** Reached from the dashboard, notifications and postings: `/partenaire/annonces/<id>/candidats`. */
export const candidatePages: readonly SpacePage[] = [{ path: "annonces/:postingId/candidats", element: <CandidatesPage /> }];
