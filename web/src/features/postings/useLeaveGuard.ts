// Unsaved edits are not lost by accident: leaving the editor (a link, the back button, closing the tab)
// asks first while the form differs from what was saved.
import { useCallback, useEffect, useRef } from "react";
import { useBlocker } from "react-router";

export function useLeaveGuard(dirty: boolean, question: string) {
  const allowed = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !allowed.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  /** Lets the next navigation through (after a save, the editor moves to the saved posting's page). */
  return useCallback(() => {
    allowed.current = true;
  }, []);
}
