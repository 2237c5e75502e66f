/** A compare-and-set claim's parameters: the row, the new owner and time, the holder a takeover names, the lease's cut-off. */
export interface ClaimParams {
  id: number;
  owner: string;
  now: string;
  heldBy: string | null;
  heldAt: string | null;
  cutoff: string;
}
