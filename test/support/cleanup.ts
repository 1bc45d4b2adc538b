// Last-resort cleanup for test resources: runs in the test file's `after` hook and, synchronously,
// when the process exits, so a failing test leaves no cluster process or temp dir behind.
import { after } from 'node:test';

type Cleanup = () => void;

const cleanups = new Set<Cleanup>();

function runAll(): void {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort: one failed cleanup must not stop the others.
    }
  }
}

/** Registers a synchronous cleanup; returns a function that unregisters it (after the caller cleaned up itself). */
export function onCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

// Registered while the test file is being loaded, so the hook belongs to the file's root test and
// runs once all of its tests are done, not after whichever test happened to register first.
after(runAll);
process.once('exit', runAll);
