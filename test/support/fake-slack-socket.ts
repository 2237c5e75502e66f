import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP_TEXT = 0x1;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** One unfragmented server frame (servers never mask). */
function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : Buffer.alloc(4);
  if (len >= 126) {
    if (len > 0xffff) throw new Error('fake socket: frame too large');
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  }
  return Buffer.concat([head, payload]);
}

/** Client frames from the buffer (clients always mask), and what is left over. */
function readFrames(buf: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    const opcode = (buf[at] ?? 0) & 0x0f;
    let len = (buf[at + 1] ?? 0) & 0x7f;
    let off = at + 2;
    if (len === 126) {
      if (buf.length < off + 2) break;
      len = buf.readUInt16BE(off);
      off += 2;
    } else if (len === 127) {
      if (buf.length < off + 8) break;
      len = Number(buf.readBigUInt64BE(off));
      off += 8;
    }
    if (buf.length < off + 4 + len) break;
    const mask = buf.subarray(off, off + 4);
    const payload = Buffer.from(buf.subarray(off + 4, off + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    frames.push({ opcode, payload });
    at = off + 4 + len;
  }
  return { frames, rest: buf.subarray(at) };
}

/**
 * Slack's Socket Mode end on 127.0.0.1: a bare WebSocket server (text, ping,
 * close; no extensions) that says hello, pushes Events API envelopes and
 * records the client's acknowledgements. Point FakeSlack's
 * apps.connections.open at `url`.
 */
export class FakeSlackSocket {
  readonly acks: { envelope_id: string }[] = [];
  private readonly sockets = new Set<Duplex>();
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSlackSocket> {
    const server = createServer((_req, res) => res.writeHead(426).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeSlackSocket(server, `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`);
    server.on('upgrade', (req, socket) => fake.accept(req, socket));
    return fake;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Push an Events API envelope to every connection, as Slack does (retry_attempt > 0 on a redelivery). */
  sendEvent(payload: Record<string, unknown>, opts: { envelopeId?: string; retryAttempt?: number } = {}): string {
    const envelopeId = opts.envelopeId ?? `env-${++this.seq}`;
    const message = { envelope_id: envelopeId, type: 'events_api', accepts_response_payload: false, retry_attempt: opts.retryAttempt ?? 0, retry_reason: opts.retryAttempt ? 'timeout' : '', payload };
    for (const s of this.sockets) s.write(frame(OP_TEXT, Buffer.from(JSON.stringify(message))));
    return envelopeId;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private accept(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return void socket.destroy();
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) this.onFrame(socket, f.opcode, f.payload);
    });
    const hello = { type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'AFAKE' } };
    socket.write(frame(OP_TEXT, Buffer.from(JSON.stringify(hello))));
  }

  private onFrame(socket: Duplex, opcode: number, payload: Buffer): void {
    if (opcode === OP_PING) socket.write(frame(OP_PONG, payload));
    else if (opcode === OP_CLOSE) socket.end(frame(OP_CLOSE, payload.subarray(0, 2)));
    else if (opcode === OP_TEXT) {
      const msg = JSON.parse(payload.toString('utf8')) as { envelope_id?: unknown };
      if (typeof msg.envelope_id === 'string') this.acks.push({ envelope_id: msg.envelope_id });
    }
  }
}
