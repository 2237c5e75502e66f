import type { Delivery, DeliveryStatus, DigestPlan, PlannedDelivery } from '../types.js';
import { StoreCorruptError } from '../errors.js';
import { flag, parseJsonColumn, parseValue } from './parse.js';
import { deliveryKindSchema, deliveryStatusSchema, outboundMessageSchema } from './schemas.js';

export interface DeliveryRow {
  id: number;
  channel_id: number;
  digest_id: string;
  seq: number;
  kind: string;
  paper_id: string | null;
  idempotency_key: string;
  message: string;
  status: string;
  message_id: string | null;
  thread_id: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  planned_at: string;
  sent_at: string | null;
  failed_at: string | null;
  attempts: number;
  next_attempt_at: string | null;
  maybe_sent: number | boolean;
  first_attempt_at: string | null;
  failure_reason: string | null;
}

/** Plan order: when it was planned, then the digest, then the place within the digest. */
export const PLAN_ORDER = 'planned_at, digest_id, seq, id';

export function toDelivery(row: DeliveryRow): Delivery {
  const at = (column: string) => ({ table: 'deliveries', id: row.id, column });
  const kind = parseValue(deliveryKindSchema, row.kind, at('kind'));
  const message = parseJsonColumn(outboundMessageSchema, row.message, at('message'));
  if (message.kind !== kind) {
    throw new StoreCorruptError('deliveries', row.id, `column message holds a ${message.kind} but the row's kind is ${kind}`);
  }
  return {
    id: row.id,
    channelId: row.channel_id,
    digestId: row.digest_id,
    seq: row.seq,
    kind,
    paperId: row.paper_id,
    idempotencyKey: row.idempotency_key,
    message,
    status: parseValue(deliveryStatusSchema, row.status, at('status')),
    messageId: row.message_id,
    threadId: row.thread_id,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    plannedAt: row.planned_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    maybeSent: flag(row.maybe_sent),
    firstAttemptAt: row.first_attempt_at,
    failureReason: row.failure_reason,
  };
}

/** The JSON a planned message is stored as; a message that would not read back is refused before anything is written. */
export function messageText(d: PlannedDelivery, plan: DigestPlan): string {
  const parsed = outboundMessageSchema.safeParse(d.message);
  if (!parsed.success || d.message.kind !== d.kind) {
    throw new Error(`digest ${plan.digestId} for channel ${plan.channelId}: invalid ${d.kind} delivery ${d.idempotencyKey}`, { cause: parsed.error });
  }
  return JSON.stringify(d.message);
}

/** The plan's deliveries a channel does not have yet; none at all when every paper went to a concurrent planner (its header and "more" line would announce nothing). */
export function freshDeliveries(plan: DigestPlan, already: ReadonlySet<string>): PlannedDelivery[] {
  const fresh = plan.deliveries.filter((d) => d.paperId === null || !already.has(d.paperId));
  const hadPapers = plan.deliveries.some((d) => d.paperId !== null);
  return hadPapers && !fresh.some((d) => d.paperId !== null) ? [] : fresh;
}

/** The papers a plan offers. */
export function planPaperIds(plan: DigestPlan): string[] {
  return plan.deliveries.flatMap((d) => (d.paperId !== null ? [d.paperId] : []));
}

const STATUSES: readonly DeliveryStatus[] = ['planned', 'attempted', 'sent', 'held', 'failed', 'paused'];

/** Counts by status with every status present; a status the code does not know is left out. */
export function statusCounts(counted: readonly { status: string; n: number }[]): Record<DeliveryStatus, number> {
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const { status, n } of counted) if ((STATUSES as readonly string[]).includes(status)) out[status as DeliveryStatus] = n;
  return out;
}

/** The oldest claim time a lease still covers at `now` (and generally: the time `ms` before `now`). */
export function leaseCutoff(now: string, leaseMs: number): string {
  const t = Date.parse(now);
  if (Number.isNaN(t)) throw new RangeError(`claim: "${now}" is not a time`);
  return new Date(t - leaseMs).toISOString();
}
