/**
 * Provider notices: things a user should know about how a provider was opened (an AWS_* variable
 * holding a `secret://` reference that was ignored, say), never values. The registry publishes a
 * provider's `notices` when it opens it; the CLI's dispatcher (src/main.ts) is the one listener and
 * prints them on stderr, so every command that opens a provider says them without printing from
 * below src/commands. The runtime library (dotsecrets/config) has no listener: they go nowhere.
 */
type Listener = (notice: string) => void;

let listener: Listener | undefined;
const told = new Set<string>();

/** Sets the one listener (replacing any) and returns a function that removes it. Throws nothing. */
export function onNotice(next: Listener): () => void {
  listener = next;
  told.clear();
  return () => {
    if (listener === next) listener = undefined;
  };
}

/** Publishes notices to the listener, each text once per listener. Throws nothing. */
export function publishNotices(notices: Iterable<string> | undefined): void {
  if (!notices || !listener) return;
  for (const notice of notices) {
    if (told.has(notice)) continue;
    told.add(notice);
    listener(notice);
  }
}
