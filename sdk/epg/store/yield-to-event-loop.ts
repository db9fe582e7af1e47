interface SchedulerWithYield {
  yield?: () => Promise<void>;
}

/**
 * Resolves in a later task, so input, timers and rendering can run between two pieces of long work.
 * Uses `scheduler.yield()` where the browser has it (its continuation keeps its place ahead of other
 * queued work), else a MessageChannel message (a task with no setTimeout clamping).
 */
export function yieldToEventLoop(): Promise<void> {
  // `scheduler` is not in TypeScript's DOM lib yet; older box browsers lack it.
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
