// A minimal client for the Vert.x event-bus bridge over a plain WebSocket (/eventbus/websocket).
// It only registers and receives: browsers never send onto the bus. It reconnects with backoff and
// re-registers its addresses, and tells the page when the connection comes and goes.
// Given the signed-in user name, "up" means every address is registered on the server: the bridge handles a
// socket's frames in order, so the server's answer on a last, per-connection readiness address proves the
// registrations before it are in place (a page that loads its snapshot then misses no push).
export class Bus {
  constructor(url, onState, user) {
    this.url = url;
    this.onState = onState;
    this.user = user;
    this.handlers = new Map();
    this.delay = 500;
    this.closed = false;
    this.open();
  }

  open() {
    const ws = new WebSocket(this.url);
    // The bridge's raw WebSocket transport sends binary frames: read them as bytes and decode UTF-8.
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.delay = 500;
      for (const address of this.handlers.keys()) {
        ws.send(JSON.stringify({ type: 'register', address }));
      }
      this.ping = setInterval(() => ws.readyState === 1 && ws.send(JSON.stringify({ type: 'ping' })), 10000);
      if (this.user) {
        this.readyAddress = `browser.ready.${this.user}.${crypto.randomUUID()}`;
        ws.send(JSON.stringify({ type: 'register', address: this.readyAddress }));
      } else {
        this.onState(true);
      }
    };
    ws.onmessage = (e) => {
      const text = typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data);
      const msg = JSON.parse(text);
      if (msg.type === 'rec' && msg.address === this.readyAddress) {
        ws.send(JSON.stringify({ type: 'unregister', address: this.readyAddress }));
        this.onState(true);
      } else if (msg.type === 'rec') {
        (this.handlers.get(msg.address) || []).forEach((h) => h(msg.body));
      }
    };
    ws.onclose = () => {
      clearInterval(this.ping);
      this.onState(false);
      if (!this.closed) {
        setTimeout(() => this.open(), this.delay);
        this.delay = Math.min(this.delay * 2, 10000);
      }
    };
  }

  register(address, handler) {
    if (!this.handlers.has(address)) {
      this.handlers.set(address, []);
      if (this.ws.readyState === 1) {
        this.ws.send(JSON.stringify({ type: 'register', address }));
      }
    }
    this.handlers.get(address).push(handler);
  }

  close() {
    this.closed = true;
    this.ws.close();
  }
}
