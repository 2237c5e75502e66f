import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Slack's Socket Mode end of the connection, on 127.0.0.1: greets a client
 * with `hello`, pushes envelopes (slash commands, events) and records the
 * acknowledgements the client sends back with each envelope's id.
 */
export class SocketModeServer {
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private socket: WebSocket | null = null;
  private seq = 0;
  private connected: Promise<void>;
  private onConnect: () => void = () => undefined;

  private constructor(private readonly wss: WebSocketServer) {
    this.connected = new Promise((resolve) => {
      this.onConnect = resolve;
    });
    wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => this.acks.push(JSON.parse(String(data)) as { envelope_id: string; payload?: unknown }));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AFAKE' }, debug_info: { host: 'fake' } }));
      this.onConnect();
    });
  }

  static async start(): Promise<SocketModeServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new SocketModeServer(wss);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link`;
  }

  get connections(): number {
    return this.wss.clients.size;
  }

  waitForClient(): Promise<void> {
    return this.connected;
  }

  /** Push an envelope as Slack does; `type` is `slash_commands`, `events_api` or `interactive`. */
  push(envelopeId: string, type: string, payload: Record<string, unknown>, retryAttempt = 0): void {
    if (!this.socket) throw new Error('no Socket Mode client connected');
    this.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt ? 'timeout' : '',
      }),
    );
  }

  /** Push an Events API envelope (retry_attempt > 0 on a redelivery); returns its envelope id. */
  sendEvent(payload: Record<string, unknown>, opts: { envelopeId?: string; retryAttempt?: number } = {}): string {
    const envelopeId = opts.envelopeId ?? `env-${++this.seq}`;
    this.push(envelopeId, 'events_api', payload, opts.retryAttempt ?? 0);
    return envelopeId;
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
