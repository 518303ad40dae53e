// A value that follows another after a pause in typing, so a query runs once per pause, not per key.
import { useEffect, useState } from "react";

export function useDebounced<Value>(value: Value, delayMs = 350): Value {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
