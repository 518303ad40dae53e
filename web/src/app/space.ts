// A "space" is the set of pages one audience sees (partners now; members and the federation later):
// its routes and its navigation come from one table, so adding a page is one entry.
import type { ReactNode } from "react";
import type { Role } from "./session";

export interface SpacePage {
  /** Relative to the space's base path ("" is its home; "annonces/:id" a child). */
  path: string;
  element: ReactNode;
  /** Shown in the navigation when set (pages reached from another page, like an editor, have none). */
  navLabel?: string;
  /** Restricts the page (and its link) to some roles of the space; all of them by default. */
  roles?: readonly Role[];
}

export interface Space {
  basePath: string;
  roles: readonly Role[];
  pages: readonly SpacePage[];
}

export function pagesFor(space: Space, role: Role): SpacePage[] {
  return space.pages.filter((page) => page.roles === undefined || page.roles.includes(role));
}
