// A page loaded on first visit (its own JS/CSS chunk): the initial bundle stays small as spaces grow.
import { lazy, Suspense, type ComponentType } from "react";
import { Loading } from "./QueryResult";

/** `lazyPage(() => import("../features/x/XPage"))`, the module's default export being the page. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
