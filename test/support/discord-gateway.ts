import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/**
 * Discord's gateway on 127.0.0.1, just enough for discord.js to log in:
 * HELLO, IDENTIFY → READY (no guilds), heartbeats acknowledged. Then the test
 * pushes dispatches (INTERACTION_CREATE, MESSAGE_REACTION_ADD, …) as Discord
 * would. Serve `url` from the REST fake's GET /gateway/bot.
 */
export class DiscordGateway {
  readonly identified: { token: string; intents: number; shard: [number, number] | null }[] = [];
  /** Date.now() of every heartbeat the client sent. */
  readonly heartbeats: number[] = [];
  /** Connections open now (a worker that stepped down has closed its own). */
  get connections(): number {
    return this.wss.clients.size;
  }
  private socket: WebSocket | null = null;
  private seq = 0;
  private ready: Promise<void>;
  private onReady: () => void = () => undefined;

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly botUser: { id: string; username: string },
    private readonly applicationId: string,
    private readonly heartbeatMs: number,
  ) {
    this.ready = new Promise((resolve) => {
      this.onReady = resolve;
    });
    wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (raw) => this.receive(ws, JSON.parse(String(raw)) as GatewayFrame));
      ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatMs }, s: null, t: null }));
    });
  }

  /** `heartbeatMs`: the interval HELLO asks for (Discord's is 41,250 ms; a benchmark wants many beats). */
  static async start(opts: { botUser: { id: string; username: string }; applicationId: string; heartbeatMs?: number }): Promise<DiscordGateway> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new DiscordGateway(wss, opts.botUser, opts.applicationId, opts.heartbeatMs ?? 41_250);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /** Resolves once a client has identified and been sent READY. */
  waitForReady(): Promise<void> {
    return this.ready;
  }

  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error('no gateway client connected');
    this.socket.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private receive(ws: WebSocket, frame: GatewayFrame): void {
    if (frame.op === 1) {
      this.heartbeats.push(Date.now());
      ws.send(JSON.stringify({ op: 11 }));
      return;
    }
    if (frame.op === 2) {
      const d = frame.d as { token: string; intents: number; shard?: [number, number] };
      this.identified.push({ token: d.token, intents: d.intents, shard: d.shard ?? null });
      ws.send(
        JSON.stringify({
          op: 0,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: { ...this.botUser, discriminator: '0', bot: true, avatar: null, global_name: null },
            guilds: [],
            session_id: 'fake-session',
            resume_gateway_url: this.url,
            application: { id: this.applicationId, flags: 0 },
            shard: d.shard ?? [0, 1],
          },
        }),
      );
      this.onReady();
    }
  }
}
