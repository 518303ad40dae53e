// The report area's pages in the partner space (spread into features/partner/space.tsx).
import { lazyPage } from "../../app/lazyPage";
import type { SpacePage } from "../../app/space";
import { messages } from "./messages";

export const reportPages: readonly SpacePage[] = [
  {
    path: "rapport",
    element: lazyPage(() => import("./ReportPage").then((module) => module.ReportPage)),
    navLabel: messages.nav,
    roles: ["PARTNER_ADMIN"],
  },
];
