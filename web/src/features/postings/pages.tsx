// The postings area's pages in the partner space (one spread into features/partner/space.tsx).
import type { SpacePage } from "../../app/space";
import { messages } from "./messages";
import { EditPostingPage, NewPostingPage } from "./PostingEditorPage";
import { PostingsPage } from "./PostingsPage";

export const postingPages: readonly SpacePage[] = [
  { path: "annonces", element: <PostingsPage />, navLabel: messages.nav.postings },
  { path: "annonces/nouvelle-offre", element: <NewPostingPage kind="ROLE" /> },
  { path: "annonces/nouveau-besoin", element: <NewPostingPage kind="NEED" /> },
  { path: "annonces/:id", element: <EditPostingPage /> },
];
