import { isOwnerGone, processOwner } from '../digest/owner.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import type { Coordination, Leadership, Ran } from './coordination.js';

/**
 * Coordination for a database only this host shares (SQLite): the claims'
 * owner is "host:pid" as it always was, an owner is gone when its process no
 * longer runs, and names are held within this process. A second process on
 * the same file (a one-shot `paperboy digest`) is kept apart by the claims.
 */
export function localCoordination(): Coordination {
  const running = new Set<string>();
  const mutex = new KeyedMutex();
  return {
    workerId: processOwner(),
    shared: false,
    isGone: async (owner) => isOwnerGone(owner),
    liveWorkers: async () => 1,
    async ifFree<T>(name: string, task: () => Promise<T>): Promise<Ran<T>> {
      if (running.has(name)) return { ran: false };
      running.add(name);
      try {
        return { ran: true, value: await task() };
      } finally {
        running.delete(name);
      }
    },
    exclusive: (name, task) => mutex.run(name, task),
    async lead(_name, hooks): Promise<Leadership> {
      await hooks.gained();
      let leading = true;
      return {
        get leading() {
          return leading;
        },
        async stop() {
          if (!leading) return;
          leading = false;
          await hooks.lost();
        },
      };
    },
    close: async () => undefined,
  };
}
