/** A Preact hook: the current time, updated every `everyMs` (default 30 s) so "updated 5 min ago" stays true. */
import { useEffect, useState } from 'preact/hooks';

export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
