import { hostname } from 'node:os';

/** Identifies this process on the deliveries it claims. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * True when a claim's owner is a process on this host that no longer runs
 * (killed mid-delivery): its claim can be taken over at once instead of
 * waiting for the lease. Owners on other hosts are never presumed gone.
 */
export function isOwnerGone(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== hostname() || !pidText) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
