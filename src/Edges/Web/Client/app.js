// The UC web client: login, roster with live presence, own status and note, chat with receipts, directory search,
// contact requests, phone control and call settings. Plain ES modules, no build step, no external resources.
import { Connection } from './connection.js';

const $ = (id) => document.getElementById(id);
const api = new Connection();
const LABELS = {
  available: 'Available', away: 'Away', busy: 'Busy', 'do-not-disturb': 'Do not disturb',
  'on-the-phone': 'On the phone', offline: 'Offline', pending: 'Waiting for approval', refused: 'Not shared',
};

const model = {
  me: null,
  contacts: new Map(),      // address -> { address, displayName, level, presence }
  requests: [],
  chatPeer: null,
  messages: new Map(),      // messageId -> message (current conversation)
  unread: new Map(),        // peer -> count
  hasOlder: false,
  directory: { query: '', offset: 0 },
  callControl: false,
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'aria') for (const [a, v] of Object.entries(value)) node.setAttribute(`aria-${a}`, v);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function toast(text) {
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

async function guarded(action) {
  try { return await action(); } catch (error) { toast(error.message || String(error)); return undefined; }
}

function availabilityOf(presence) {
  if (!presence) return 'offline';
  if (presence.state === 'pending' || presence.state === 'refused') return presence.state;
  return presence.view?.availability ?? 'offline';
}

function dot(availability) {
  const label = LABELS[availability] ?? availability;
  return el('span', { class: `dot ${availability}`, role: 'img', title: label, aria: { label } });
}

// ---- login ---------------------------------------------------------------------------------------------------

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = $('login-error');
  error.hidden = true;
  try {
    await api.login($('login-username').value.trim(), $('login-password').value);
    $('login-password').value = '';
    await start();
  } catch (failure) {
    error.textContent = failure.code === 'invalid-credentials' ? 'Wrong username or password.'
      : failure.code === 'too-many-attempts' ? 'Too many attempts. Please wait a moment and try again.'
      : `Login failed: ${failure.message}`;
    error.hidden = false;
  }
});

$('logout').addEventListener('click', async () => {
  await api.logout();
  showLogin();
});

function showLogin() {
  $('app-view').hidden = true;
  $('login-view').hidden = false;
  $('login-username').focus();
}

async function start() {
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  model.me = api.user;
  $('own-name').textContent = model.me.displayName;
  await api.connect();
}

api.on('status', (text) => {
  $('connection').textContent = text === 'online' ? 'Connected' : text[0].toUpperCase() + text.slice(1);
  $('connection').classList.toggle('online', text === 'online');
});
api.on('logged-out', () => { showLogin(); $('login-error').textContent = 'Your session ended. Please log in again.'; $('login-error').hidden = false; });
api.on('resync', () => guarded(loadAll));
api.on('resumed', () => guarded(loadCalls));

async function loadAll() {
  const [own, contacts, settings] = await Promise.all([api.request('presence.get'), api.request('contacts.list'), api.request('phone.forwarding.get')]);
  showOwnPresence(own);
  model.contacts.clear();
  for (const c of contacts.contacts) model.contacts.set(c.address, { ...c, presence: null });
  model.requests = contacts.requests.filter((r) => r.direction === 'incoming');
  if (model.contacts.size > 0) {
    const result = await api.request('presence.subscribe', { users: [...model.contacts.keys()] });
    for (const p of result.presence) if (model.contacts.has(p.user)) model.contacts.get(p.user).presence = p;
  }
  renderContacts();
  renderRequests();
  showSettings(settings);
  if (model.chatPeer) await openChat(model.chatPeer);
  await loadCalls();
}

// ---- own presence --------------------------------------------------------------------------------------------

function showOwnPresence(presence) {
  const availability = availabilityOf(presence);
  const own = $('own-dot');
  own.className = `dot ${availability}`;
  own.setAttribute('aria-label', LABELS[availability] ?? availability);
  own.title = LABELS[availability] ?? availability;
  if (document.activeElement !== $('own-note')) $('own-note').value = presence.view?.note ?? '';
}

$('own-status').addEventListener('change', () => guarded(async () => {
  showOwnPresence(await api.request('presence.set', { availability: $('own-status').value }));
}));

$('note-form').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(async () => showOwnPresence(await api.request('presence.set', { note: $('own-note').value })));
});

api.on('presence.changed', (change) => {
  if (change.user === model.me.id) return showOwnPresence(change);
  const contact = model.contacts.get(change.user);
  if (!contact) return;
  contact.presence = change;
  renderContacts();
});

// ---- contacts and requests -----------------------------------------------------------------------------------

function renderContacts() {
  const list = $('contacts');
  list.replaceChildren();
  const sorted = [...model.contacts.values()].sort((a, b) => (a.displayName ?? a.address).localeCompare(b.displayName ?? b.address));
  for (const contact of sorted) {
    const name = contact.displayName ?? contact.address;
    const availability = availabilityOf(contact.presence);
    const unread = model.unread.get(contact.address) ?? 0;
    list.append(el('li', { aria: { label: name } },
      dot(availability),
      el('span', { class: 'who' },
        el('span', { class: 'name' }, name),
        el('span', { class: 'note' }, contact.presence?.view?.note ?? LABELS[availability] ?? '')),
      unread > 0 ? el('span', { class: 'badge', aria: { label: `${unread} unread` } }, String(unread)) : null,
      el('button', { type: 'button', class: 'small secondary', onclick: () => guarded(() => openChat(contact.address)), aria: { label: `Chat with ${name}` } }, 'Chat'),
      el('button', { type: 'button', class: 'small secondary', disabled: !model.callControl, onclick: () => dial(contact.address), aria: { label: `Call ${name}` } }, 'Call')));
  }
  $('contacts-empty').hidden = model.contacts.size > 0;
}

function renderRequests() {
  const list = $('requests');
  list.replaceChildren();
  for (const request of model.requests) {
    const name = request.displayName ?? request.from ?? request.peer;
    const peer = request.peer ?? request.from;
    list.append(el('li', { aria: { label: `Request from ${name}` } },
      el('span', { class: 'who' }, el('span', { class: 'name' }, name), el('span', { class: 'sub' }, request.message ?? 'wants to see your presence')),
      el('button', { type: 'button', class: 'small', onclick: () => answer(peer, true), aria: { label: `Accept ${name}` } }, 'Accept'),
      el('button', { type: 'button', class: 'small secondary', onclick: () => answer(peer, false), aria: { label: `Deny ${name}` } }, 'Deny')));
  }
  $('requests-section').hidden = model.requests.length === 0;
}

async function answer(peer, accept) {
  await guarded(async () => {
    if (accept) {
      await api.request('contacts.accept', { address: peer, level: 'team' });
      await addContact(peer, false);
    } else {
      await api.request('contacts.deny', { address: peer });
    }
    model.requests = model.requests.filter((r) => (r.peer ?? r.from) !== peer);
    renderRequests();
  });
}

async function addContact(address, requestAuthorization = true) {
  if (!model.contacts.has(address)) await api.request('contacts.add', { address, requestAuthorization });
  const list = await api.request('contacts.list');
  const entry = list.contacts.find((c) => c.address === address);
  const result = await api.request('presence.subscribe', { users: [address] });
  model.contacts.set(address, { ...entry, presence: result.presence[0] });
  renderContacts();
}

api.on('contacts.request', (request) => {
  if (!model.requests.some((r) => (r.peer ?? r.from) === request.from)) model.requests.push({ ...request, peer: request.from });
  renderRequests();
});

api.on('contacts.answer', (answer) => {
  toast(answer.accepted ? `${answer.peer} accepted your request.` : `${answer.peer} declined your request.`);
  if (answer.accepted && model.contacts.has(answer.peer)) guarded(() => addContact(answer.peer, false));
});

// ---- directory -----------------------------------------------------------------------------------------------

let searchTimer;
$('directory-query').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search(0), 250);
});
$('directory-form').addEventListener('submit', (event) => { event.preventDefault(); search(0); });
$('directory-more').addEventListener('click', () => search(model.directory.offset));

async function search(offset) {
  const query = $('directory-query').value.trim();
  const list = $('directory-results');
  if (offset === 0) list.replaceChildren();
  if (!query) { $('directory-more').hidden = true; return; }
  const page = await guarded(() => api.request('directory.search', { query, offset, limit: 20 }));
  if (!page || query !== $('directory-query').value.trim()) return;
  for (const entry of page.entries) {
    const isMe = entry.address === model.me.id;
    const known = model.contacts.has(entry.address);
    list.append(el('li', { aria: { label: entry.displayName } },
      el('span', { class: 'who' }, el('span', { class: 'name' }, entry.displayName),
        el('span', { class: 'sub' }, [entry.address, ...entry.phoneNumbers].join(' · '))),
      isMe || known ? null : el('button', {
        type: 'button', class: 'small', aria: { label: `Add ${entry.displayName}` },
        onclick: (event) => guarded(async () => { event.target.disabled = true; await addContact(entry.address); toast(`Request sent to ${entry.displayName}.`); }),
      }, 'Add contact')));
  }
  if (page.entries.length === 0 && offset === 0) list.append(el('li', {}, el('span', { class: 'hint' }, 'Nobody found.')));
  model.directory.offset = offset + page.entries.length;
  $('directory-more').hidden = !page.hasMore;
}

// ---- chat ----------------------------------------------------------------------------------------------------

async function openChat(peer) {
  model.chatPeer = peer;
  model.messages.clear();
  const contact = model.contacts.get(peer);
  $('chat-title').textContent = `Chat with ${contact?.displayName ?? peer}`;
  $('chat-empty').hidden = true;
  $('chat-body').hidden = false;
  const page = await api.request('chat.history', { peer, limit: 50 });
  for (const message of page.messages) model.messages.set(message.messageId, message);
  model.hasOlder = page.hasMore;
  renderMessages();
  await markRead();
  $('chat-input').focus();
}

$('chat-older').addEventListener('click', () => guarded(async () => {
  const oldest = [...model.messages.values()][0];
  const page = await api.request('chat.history', { peer: model.chatPeer, limit: 50, before: oldest.messageId });
  const merged = new Map(page.messages.map((m) => [m.messageId, m]));
  for (const [id, m] of model.messages) merged.set(id, m);
  model.messages = merged;
  model.hasOlder = page.hasMore;
  renderMessages();
}));

function receiptText(message) {
  if (message.direction !== 'outgoing') return '';
  return message.readAt ? 'Read' : message.deliveredAt ? 'Delivered' : 'Sent';
}

function renderMessages() {
  const list = $('messages');
  list.replaceChildren();
  for (const message of model.messages.values()) {
    const out = message.direction === 'outgoing';
    const time = new Date(message.acceptedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    list.append(el('li', { class: `msg ${out ? 'out' : 'in'}` },
      el('span', { class: 'body' }, message.body),
      el('span', { class: 'meta' }, out ? `${time} · ${receiptText(message)}` : time)));
  }
  $('chat-older').hidden = !model.hasOlder;
  list.scrollTop = list.scrollHeight;
}

$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('chat-input').value;
  if (!text.trim() || !model.chatPeer) return;
  const messageId = crypto.randomUUID();
  guarded(async () => {
    const accepted = await api.request('chat.send', { to: model.chatPeer, text, messageId });
    $('chat-input').value = '';
    model.messages.set(messageId, {
      messageId, from: model.me.id, to: model.chatPeer, direction: 'outgoing', body: text, acceptedAt: accepted.acceptedAt,
    });
    renderMessages();
  });
});

async function markRead() {
  const unread = [...model.messages.values()].filter((m) => m.direction === 'incoming' && !m.readAt).map((m) => m.messageId);
  if (unread.length === 0 || document.hidden) return;
  await api.request('chat.read', { messageIds: unread });
  for (const id of unread) model.messages.get(id).readAt = new Date().toISOString();
  model.unread.delete(model.chatPeer);
  renderContacts();
}

document.addEventListener('visibilitychange', () => { if (!document.hidden && model.chatPeer) guarded(markRead); });

api.on('chat.message', ({ message }) => guarded(async () => {
  await api.request('chat.delivered', { messageIds: [message.messageId] });
  if (message.from === model.chatPeer) {
    model.messages.set(message.messageId, message);
    renderMessages();
    await markRead();
  } else {
    model.unread.set(message.from, (model.unread.get(message.from) ?? 0) + 1);
    if (!model.contacts.has(message.from)) toast(`New message from ${message.from}`);
    if (!model.chatPeer) await openChat(message.from);
    else renderContacts();
  }
}));

api.on('chat.receipt', (receipt) => {
  const message = model.messages.get(receipt.messageId);
  if (!message) return;
  if (receipt.kind === 'read') message.readAt = receipt.at;
  else message.deliveredAt = receipt.at;
  renderMessages();
});

// ---- phone ---------------------------------------------------------------------------------------------------

function showSettings(settings) {
  model.callControl = settings.callControl;
  $('dial').disabled = !settings.callControl;
  $('phone-hint').hidden = settings.callControl;
  const rules = $('forwarding-rules');
  rules.replaceChildren(...settings.forwarding.map((rule) => el('li', {},
    el('span', { class: 'who' }, el('span', { class: 'name' }, $('forwarding-kind').querySelector(`option[value="${rule.kind}"]`).textContent),
      el('span', { class: 'sub' }, rule.target + (rule.noAnswerSeconds ? ` after ${rule.noAnswerSeconds} s` : ''))))));
  if (settings.remoteOffice) {
    $('office-target').value = settings.remoteOffice.target;
    $('office-mode').value = settings.remoteOffice.mode;
    $('office-enabled').checked = settings.remoteOffice.enabled;
  }
  renderContacts();
}

async function loadCalls() {
  const list = $('calls');
  list.replaceChildren();
  if (!model.callControl) return;
  const { calls } = await api.request('phone.calls');
  for (const call of calls) {
    const id = call.callId;
    const op = (type, label, extra = {}) => el('button', { type: 'button', class: 'small secondary', onclick: () => guarded(async () => { await api.request(type, { callId: id, ...extra }); await loadCalls(); }) }, label);
    list.append(el('li', { aria: { label: `Call with ${call.peerName ?? call.peer}` } },
      el('span', { class: 'who' }, el('span', { class: 'name' }, call.peerName ?? call.peer), el('span', { class: 'sub' }, call.state)),
      call.state === 'ringing' && call.direction === 'incoming' ? op('phone.answer', 'Answer') : null,
      call.state === 'held' ? op('phone.resume', 'Resume') : call.state === 'answered' ? op('phone.hold', 'Hold') : null,
      op('phone.hangup', 'Hang up')));
  }
}

function dial(target) {
  guarded(async () => { await api.request('phone.dial', { target }); await loadCalls(); });
}

$('dial-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const target = $('dial-target').value.trim();
  if (target) dial(target);
});

api.on('phone.call', () => guarded(loadCalls));

$('forwarding-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const kind = $('forwarding-kind').value;
  const enabled = $('forwarding-enabled').checked;
  const data = enabled ? { kind, enabled, target: $('forwarding-target').value.trim() } : { kind, enabled };
  if (enabled && kind === 'no-answer') data.noAnswerSeconds = Number($('forwarding-delay').value);
  guarded(async () => { showSettings(await api.request('phone.forwarding.set', data)); toast('Forwarding saved.'); });
});

$('office-form').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(async () => {
    showSettings(await api.request('phone.remote-office.set', {
      enabled: $('office-enabled').checked, target: $('office-target').value.trim(), mode: $('office-mode').value,
    }));
    toast('Remote office saved.');
  });
});

// ---- boot ----------------------------------------------------------------------------------------------------

if (api.user) start().catch(() => showLogin());
else showLogin();
