import type { Delivery } from '../types.js';
import { StoreCorruptError } from '../errors.js';
import { parseJsonColumn, parseValue } from './parse.js';
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
    plannedAt: row.planned_at,
    sentAt: row.sent_at,
  };
}
