"use client";

import { foldIntoSnapshot, parseMarketSnapshot, parsePublicMessage, PUBLIC_KINDS, type MarketSnapshot, type PublicMessage } from "@/lib/wire/market-stream";

/**
 * One market-data connection per browser. A browser opens only six connections to a host, and every
 * tab used to hold one stream per market it showed, so a fourth disclosure tab never loaded. Now:
 * - a page's markets travel on one multiplexed SSE connection (GET /api/public/stream?markets=…);
 * - the tabs of a browser share it: the tab holding a Web Lock is the leader and keeps the one
 *   connection, for the union of the markets every tab wants; the others (followers) tell it what
 *   they want over a BroadcastChannel and receive its snapshots and messages the same way;
 * - when the leader tab closes, its lock passes to another tab, which opens the connection afresh
 *   (every market from a snapshot) and the followers treat that as a reopened stream.
 * Where the browser has no Web Locks or BroadcastChannel, each tab is its own leader (one connection
 * per tab, still one for all its markets).
 */

export interface HubHandlers {
  onSnapshot?(snapshot: MarketSnapshot): void;
  onMessage?(message: PublicMessage): void;
  onReopen?(): void;
  onOpen(): void;
  onError(): void;
}

type Wire =
  | { type: "want"; tab: string; markets: string[] }
  | { type: "bye"; tab: string }
  | { type: "leader"; tab: string }
  | { type: "snapshot"; to: string | null; snapshot: MarketSnapshot }
  | { type: "message"; message: PublicMessage }
  | { type: "status"; to: string | null; markets: string[]; connected: boolean }
  | { type: "reopen"; markets: string[] };

const CHANNEL = "perps-portal-market-stream";
const LOCK = "perps-portal-market-stream-leader";
/** Followers repeat what they want this often; the leader forgets a tab silent for TAB_TIMEOUT_MS. */
const HEARTBEAT_MS = 20_000;
/** Long, because a hidden tab's timers may run only once a minute; a closing tab says "bye" at once. */
const TAB_TIMEOUT_MS = 150_000;
/** Wants arriving together (a page mounting several sections, tabs opening at once) make one reconnection. */
const RECONNECT_DEBOUNCE_MS = 50;
/** How long to wait before reopening a stream the browser has given up on (a 429, a 503 while the engine restarts). */
export const STREAM_REOPEN_DELAY_MS = 10_000;

export function streamUrl(markets: readonly string[], cursor: string | null): string {
  const query = new URLSearchParams({ markets: [...markets].sort().join(",") });
  if (cursor) query.set("lastEventId", cursor);
  return `/api/public/stream?${query.toString()}`;
}

class MarketStreamHub {
  private readonly tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  private readonly local = new Map<string, Set<HubHandlers>>();
  private readonly channel: BroadcastChannel | null;
  private leader = false;
  private leaderRequested = false;
  private knownLeader: string | null = null;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  // The leader's side.
  private readonly wants = new Map<string, { markets: string[]; seenMs: number }>();
  private source: EventSource | undefined;
  private streamMarkets: string[] = [];
  private cursor: string | null = null;
  private connected = false;
  private readonly snapshots = new Map<string, MarketSnapshot>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const shared = typeof BroadcastChannel === "function" && typeof navigator !== "undefined" && "locks" in navigator;
    this.channel = shared ? new BroadcastChannel(CHANNEL) : null;
    this.channel?.addEventListener("message", (event: MessageEvent<Wire>) => this.receive(event.data));
    if (typeof window !== "undefined") {
      window.addEventListener("pagehide", () => this.post({ type: "bye", tab: this.tab }));
      // Back from the back-forward cache: the leader has forgotten this tab.
      window.addEventListener("pageshow", (event) => {
        if (event.persisted) this.announce();
      });
    }
  }

  subscribe(market: string, handlers: HubHandlers): () => void {
    let set = this.local.get(market);
    const added = !set;
    if (!set) this.local.set(market, (set = new Set()));
    set.add(handlers);
    this.start();
    if (this.leader) {
      const snapshot = this.snapshots.get(market);
      if (snapshot) handlers.onSnapshot?.(structuredClone(snapshot));
      if (this.connected && this.streamMarkets.includes(market)) handlers.onOpen();
    }
    if (added) this.announce();
    return () => {
      set.delete(handlers);
      if (set.size === 0 && this.local.get(market) === set) {
        this.local.delete(market);
        this.announce();
      }
    };
  }

  private start(): void {
    if (this.leaderRequested) return;
    this.leaderRequested = true;
    if (!this.channel) {
      this.becomeLeader();
      return;
    }
    // Held until the tab closes: the lock's promise never settles while this tab lives.
    void navigator.locks.request(LOCK, () => {
      this.becomeLeader();
      return new Promise<void>(() => {});
    });
    this.heartbeat = setInterval(() => {
      if (this.leader) this.pruneTabs();
      else this.announce();
    }, HEARTBEAT_MS);
  }

  private becomeLeader(): void {
    const takingOver = this.knownLeader !== null && this.knownLeader !== this.tab;
    this.leader = true;
    this.knownLeader = this.tab;
    this.post({ type: "leader", tab: this.tab });
    // Messages may have passed between the old leader's last and this connection's first: say so.
    if (takingOver) this.dispatchReopen([...this.local.keys()]);
    this.recordWant(this.tab, [...this.local.keys()]);
  }

  /** What this tab wants, to the leader (itself, or over the channel). */
  private announce(): void {
    const markets = [...this.local.keys()];
    if (this.leader) this.recordWant(this.tab, markets);
    else this.post({ type: "want", tab: this.tab, markets });
  }

  private post(message: Wire): void {
    this.channel?.postMessage(message);
  }

  private receive(message: Wire): void {
    switch (message.type) {
      case "want":
        if (this.leader) this.recordWant(message.tab, message.markets);
        return;
      case "bye":
        if (this.leader && this.wants.delete(message.tab)) this.scheduleReconnect();
        return;
      case "leader": {
        const previous = this.knownLeader;
        this.knownLeader = message.tab;
        if (previous !== null && previous !== message.tab) this.dispatchReopen([...this.local.keys()]);
        this.announce();
        return;
      }
      case "snapshot":
        if (!this.leader && (message.to === null || message.to === this.tab)) this.dispatchSnapshot(message.snapshot);
        return;
      case "message":
        if (!this.leader) this.dispatchMessage(message.message);
        return;
      case "status":
        if (!this.leader && (message.to === null || message.to === this.tab)) this.dispatchStatus(message.markets, message.connected);
        return;
      case "reopen":
        if (!this.leader) this.dispatchReopen(message.markets);
        return;
    }
  }

  // ---- leader ----

  private recordWant(tab: string, markets: string[]): void {
    const before = this.wants.get(tab)?.markets;
    this.wants.set(tab, { markets, seenMs: Date.now() });
    if (tab !== this.tab) {
      // A tab joining a market the connection already carries gets its picture now, not at the next message.
      const ready = markets.filter((market) => this.streamMarkets.includes(market));
      for (const market of ready) {
        const snapshot = this.snapshots.get(market);
        if (snapshot) this.post({ type: "snapshot", to: tab, snapshot });
      }
      if (ready.length > 0) this.post({ type: "status", to: tab, markets: ready, connected: this.connected });
    }
    if (before?.join(",") !== markets.join(",")) this.scheduleReconnect();
  }

  private pruneTabs(): void {
    const now = Date.now();
    let pruned = false;
    for (const [tab, want] of this.wants) {
      if (tab !== this.tab && now - want.seenMs > TAB_TIMEOUT_MS) pruned = this.wants.delete(tab) || pruned;
    }
    if (pruned) this.scheduleReconnect();
  }

  private union(): string[] {
    const all = new Set<string>();
    for (const { markets } of this.wants.values()) for (const market of markets) all.add(market);
    return [...all].sort();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      const markets = this.union();
      if (markets.join(",") === this.streamMarkets.join(",") && (this.source || markets.length === 0)) return;
      this.open(markets);
    }, RECONNECT_DEBOUNCE_MS);
  }

  /** (Re)open the one connection for `markets`, resuming those already carried from the cursor. */
  private open(markets: string[]): void {
    this.source?.close();
    this.source = undefined;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    for (const market of [...this.snapshots.keys()]) if (!markets.includes(market)) this.snapshots.delete(market);
    this.streamMarkets = markets;
    this.connected = false;
    if (markets.length === 0) return;
    const current = new EventSource(streamUrl(markets, this.cursor));
    this.source = current;
    current.addEventListener("snapshot", (event: MessageEvent<string>) => {
      const snapshot = parseMarketSnapshot(event.data);
      if (!snapshot) return;
      this.cursor = event.lastEventId || this.cursor;
      this.snapshots.set(snapshot.market, snapshot);
      this.dispatchSnapshot(snapshot);
      this.post({ type: "snapshot", to: null, snapshot });
    });
    const onMessage = (event: MessageEvent<string>) => {
      const message = parsePublicMessage(event.type, event.data);
      if (!message) return;
      this.cursor = event.lastEventId || this.cursor;
      const snapshot = this.snapshots.get(message.market);
      if (snapshot) foldIntoSnapshot(snapshot, message);
      this.dispatchMessage(message);
      this.post({ type: "message", message });
    };
    for (const kind of PUBLIC_KINDS) current.addEventListener(kind, onMessage);
    current.onopen = () => {
      this.connected = true;
      this.dispatchStatus(markets, true);
      this.post({ type: "status", to: null, markets, connected: true });
    };
    current.onerror = () => {
      this.connected = false;
      this.dispatchStatus(markets, false);
      this.post({ type: "status", to: null, markets, connected: false });
      if (current.readyState !== EventSource.CLOSED || this.source !== current) return;
      // Given up for good: a new stream after a pause, from fresh snapshots; readers refetch what they built from messages.
      this.reopenTimer = setTimeout(() => {
        if (this.source !== current) return;
        this.cursor = null;
        this.open(this.union());
        this.dispatchReopen(this.streamMarkets);
        this.post({ type: "reopen", markets: this.streamMarkets });
      }, STREAM_REOPEN_DELAY_MS);
    };
  }

  // ---- this tab's readers ----

  /** Each reader gets its own copy: the leader keeps folding messages into its snapshot in place. */
  private dispatchSnapshot(snapshot: MarketSnapshot): void {
    for (const handlers of this.local.get(snapshot.market) ?? []) handlers.onSnapshot?.(structuredClone(snapshot));
  }

  private dispatchMessage(message: PublicMessage): void {
    for (const handlers of this.local.get(message.market) ?? []) handlers.onMessage?.(message);
  }

  private dispatchStatus(markets: readonly string[], connected: boolean): void {
    for (const market of markets) for (const handlers of this.local.get(market) ?? []) (connected ? handlers.onOpen : handlers.onError).call(handlers);
  }

  private dispatchReopen(markets: readonly string[]): void {
    for (const market of markets) for (const handlers of this.local.get(market) ?? []) handlers.onReopen?.();
  }
}

let hub: MarketStreamHub | undefined;

/** The browser-wide hub of this tab (created on first use, in the browser only). */
export function marketStreamHub(): MarketStreamHub {
  hub ??= new MarketStreamHub();
  return hub;
}
