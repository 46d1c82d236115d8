// The client end of /ws/client/websocket: login over REST, auth or resume on every (re)connect, request/reply
// correlation by id, and pushes numbered by seq. A lost connection is reopened with backoff and resumed from the
// last push seen, so the server replays what was missed; when the server says resync-required the app reloads
// its state (the "resync" event).

const STORE = 'uc.session';

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class Connection extends EventTarget {
  constructor() {
    super();
    this.socket = null;
    this.pending = new Map();
    this.nextId = 1;
    this.state = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    this.retry = 0;
    this.closedByUser = false;
  }

  get user() { return this.state?.user ?? null; }

  /** POST /api/v1/login; throws ApiError with the server's code and message. */
  async login(username, password) {
    const response = await fetch('/api/v1/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(body.error || `http-${response.status}`, body.message || response.statusText);
    this.state = { token: body.token, user: body.user, sessionId: null, lastSeq: 0 };
    this.save();
  }

  async logout() {
    this.closedByUser = true;
    const token = this.state?.token;
    this.state = null;
    sessionStorage.removeItem(STORE);
    this.socket?.close(1000, 'logout');
    if (token) await fetch('/api/v1/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => {});
  }

  /** Opens the socket and authenticates (or resumes); resolves with the auth/resume reply data. */
  connect() {
    this.closedByUser = false;
    return new Promise((resolve, reject) => {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new WebSocket(`${scheme}//${location.host}/ws/client/websocket`);
      this.socket = socket;
      this.status('connecting');
      socket.onopen = () => {
        const resume = this.state.sessionId
          ? { type: 'resume', data: { token: this.state.token, sessionId: this.state.sessionId, lastSeq: this.state.lastSeq } }
          : { type: 'auth', data: { token: this.state.token } };
        this.send(resume.type, resume.data).then(({ type, data }) => {
          const fresh = type === 'resync-required' || !data.resumed;
          this.state.sessionId = data.sessionId;
          if (fresh) this.state.lastSeq = 0;
          this.save();
          this.retry = 0;
          this.status('online');
          this.emit(fresh ? 'resync' : 'resumed', data);
          resolve(data);
        }, reject);
      };
      socket.onmessage = (event) => this.receive(JSON.parse(event.data));
      socket.onclose = (event) => {
        for (const { fail } of this.pending.values()) fail(new ApiError('disconnected', 'connection lost'));
        this.pending.clear();
        if (this.socket !== socket) return;
        this.socket = null;
        if (this.closedByUser || !this.state) return this.status('offline');
        if (event.code === 4001 || event.code === 1008) {
          this.state = null;
          sessionStorage.removeItem(STORE);
          this.status('offline');
          this.emit('logged-out', { reason: event.reason });
          return;
        }
        if (event.code === 4002) return this.status('taken over by another window');
        const delay = Math.min(30000, 500 * 2 ** this.retry++) * (0.75 + Math.random() / 2);
        this.status(`reconnecting in ${Math.round(delay / 1000)} s`);
        setTimeout(() => this.connect().catch(() => {}), delay);
      };
    });
  }

  /** Sends a request; resolves with the result's data, rejects with ApiError on an error reply. */
  async request(type, data = {}) {
    const { type: kind, data: reply } = await this.send(type, data);
    if (kind === 'error') throw new ApiError(reply.code, reply.message);
    return reply;
  }

  send(type, data) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new ApiError('disconnected', 'not connected'));
    const id = String(this.nextId++);
    return new Promise((resolve, fail) => {
      this.pending.set(id, { resolve, fail });
      this.socket.send(JSON.stringify({ type, id, data }));
    });
  }

  receive(envelope) {
    if (envelope.seq !== undefined) {
      if (envelope.seq <= this.state.lastSeq) return; // already seen (replayed after a resume)
      this.state.lastSeq = envelope.seq;
      this.save();
      this.emit(envelope.type, envelope.data);
      return;
    }
    const waiter = this.pending.get(envelope.id);
    if (!waiter) return;
    this.pending.delete(envelope.id);
    waiter.resolve(envelope);
  }

  on(type, handler) { this.addEventListener(type, (event) => handler(event.detail)); }

  emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail })); }

  status(text) { this.emit('status', text); }

  save() { if (this.state) sessionStorage.setItem(STORE, JSON.stringify(this.state)); }
}
