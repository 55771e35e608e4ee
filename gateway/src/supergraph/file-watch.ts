import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileWatchOptions {
  /** Quiet time after the last change event before the file is read (a write in several steps is read once). */
  readonly debounceMs?: number;
  /** A read of the file this often whatever the events say (fs.watch misses changes on some file systems). */
  readonly pollMs?: number;
  /** Told when the file cannot be read (once per problem, not on every poll). */
  readonly onReadError?: (error: Error) => void;
}

/**
 * Follows a file's content: `onContent` is called with the new text each time what the file holds changes (by SHA-256;
 * the same text written again, or a touch, is no change). Watches the file's folder, not the file, so an atomic
 * replacement (write a temporary file, rename it over) is seen like an edit in place; change events are debounced;
 * and the file is also read every `pollMs` in case an event was missed. `lastHash` starts as the hash of the content
 * already handled. Returns a function that stops following.
 */
export function followFile(path: string, lastHash: string, onContent: (content: string, hash: string) => void, options: FileWatchOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 200;
  const pollMs = options.pollMs ?? 2000;
  let seen = lastHash;
  let stopped = false;
  let debounce: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let readError: string | undefined;

  const read = () => {
    if (stopped) return;
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (error) {
      if (readError !== (error as Error).message) options.onReadError?.(error as Error);
      readError = (error as Error).message;
      return;
    }
    readError = undefined;
    const hash = createHash('sha256').update(content).digest('hex');
    if (hash === seen) return;
    seen = hash;
    onContent(content, hash);
  };
  const soon = () => {
    clearTimeout(debounce);
    debounce = setTimeout(read, debounceMs);
    debounce.unref();
  };
  const startWatching = () => {
    if (watcher || stopped) return;
    try {
      watcher = watch(dirname(path), { persistent: false }, (_event, name) => {
        if (name === null || name === basename(path)) soon();
      });
      watcher.on('error', () => {
        // The folder went away (or the watch broke): the poll goes on, and watching starts again when it can.
        watcher?.close();
        watcher = undefined;
      });
    } catch {
      watcher = undefined;
    }
  };
  startWatching();
  const poll = setInterval(() => {
    startWatching();
    read();
  }, pollMs);
  poll.unref();
  return () => {
    stopped = true;
    clearTimeout(debounce);
    clearInterval(poll);
    watcher?.close();
  };
}
