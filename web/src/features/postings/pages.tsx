// The postings area's pages in the partner space (one spread into features/partner/space.tsx).
// Loaded on first visit (lazyPage): the dashboard, the first page shown, does not wait for their code.
import { lazyPage } from "../../app/lazyPage";
import type { SpacePage } from "../../app/space";
import { messages } from "./messages";

const editor = () => import("./PostingEditorPage");

export const postingPages: readonly SpacePage[] = [
  { path: "annonces", element: lazyPage(() => import("./PostingsPage").then((module) => module.PostingsPage)), navLabel: messages.nav.postings },
  { path: "annonces/nouvelle-offre", element: lazyPage(() => editor().then((module) => module.NewPostingPage), { kind: "ROLE" }) },
  { path: "annonces/nouveau-besoin", element: lazyPage(() => editor().then((module) => module.NewPostingPage), { kind: "NEED" }) },
  { path: "annonces/:id", element: lazyPage(() => editor().then((module) => module.EditPostingPage)) },
];
