import { useEffect, useRef } from "react";

/** The page's h1, also the document title; focused on navigation so screen readers announce the new page
 *  (`focusOnArrival={false}` on a landing page, so that the first Tab still reaches the skip link). */
export function PageTitle({ children, focusOnArrival = true }: { children: string; focusOnArrival?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} — Passerelle`;
    if (focusOnArrival) heading.current?.focus();
  }, [children, focusOnArrival]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
