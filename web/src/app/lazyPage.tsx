// A page loaded on first visit (its own JS/CSS chunk): the initial bundle stays small as spaces grow.
import { lazy, Suspense, type ComponentType } from "react";
import { Loading } from "./QueryResult";

/**
 * `lazyPage(() => import("./XPage").then((module) => module.XPage), props?)`: the element of a route
 * whose code is fetched when the route is first shown (a « Chargement… » status meanwhile).
 */
export function lazyPage<Props extends object>(load: () => Promise<ComponentType<Props>>, props?: Props) {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<Loading />}>
      <Page {...(props ?? ({} as Props))} />
    </Suspense>
  );
}
