// chatkit local web client: plain JS, no build step. Message text is always rendered as text, never HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  me: null, token: null, socket: null, config: null, retry: 0,
  rooms: new Map(),          // chatRoomId -> room summary
  current: null,             // open chatRoomId
  messages: new Map(),       // messageId -> message of the open room
  olderCursor: null,
  pending: new Map(),        // requestId -> { frame, sent, resolve }: sent, or waiting for the socket to open
  nextRequest: 1,
  blocked: new Set(),        // the users I blocked: the server pushes me none of their messages
  typing: new Map(),         // chatRoomId -> Map(userId -> timer): who is typing there, each dropped after 6 s
  lastTypingSent: new Map(), // chatRoomId -> when I last said I am typing there (at most once per 3 s)
  presence: new Map(),       // userId -> { online, lastSeenAt }: from listRooms and presence pushes
  goingOffline: new Map(),   // userId -> timer: an offline shown only if no reconnect comes within the debounce
  changeCursors: new Map(),  // chatRoomId -> the cursor after the last change seen there (getChanges since)
  replyingTo: null,          // the message the next send answers, while the composer says so
  uploads: [],               // files for the open room's next send: { name, progress, attachmentId, error }
  uploadsByRoom: new Map(),  // chatRoomId -> the files waiting for that room's next send, while another is open
};

// Attachments: the runtime's rules come in config.json (attachments: maxFileBytes, contentTypes) and are checked here
// before anything is asked; without them the chat's answer to requestUpload says what is wrong. Images of these
// types are shown in the page.
const INLINE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

// The reactions the picker offers: any other emoji works too, from another client.
const PICKER = ['👍', '❤️', '😂', '🎉', '😮'];

// Typing: said at most once per 3 s (the server fans out no more), shown for 6 s or until their message comes.
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;
// Presence: going offline is shown after 30 s, so a reconnect within that time (a reload, a network blip, API
// Gateway's cut after 2 hours or 10 idle minutes) shows nothing. A test may shorten it.
const offlineDebounceMs = () => window.chatkitOfflineDebounceMs ?? 30000;

// config.json says where the WebSocket stage is and, when deployed to AWS, which Cognito pool signs people in.
async function loadConfig() {
  state.config = await (await fetch('config.json')).json();
  const cognito = Boolean(state.config.cognito);
  $('password-field').hidden = !cognito;
  $('mode').textContent = cognito ? '' : 'local — tokens without passwords, for development only';
}

// Local runs: the gateway's development identity provider mints a token for any name.
// ?tokenLifetime=N (seconds) asks for short tokens, to watch the renewal happen.
async function localToken(username) {
  const expiresIn = Number(new URLSearchParams(location.search).get('tokenLifetime')) || undefined;
  const response = await fetch('/dev/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, expiresIn }),
  });
  const body = await response.json();
  if (!response.ok) { throw new Error(body.message); }
  return { user: body.username, token: body.token };
}

// On AWS: Cognito's USER_PASSWORD_AUTH flow; the id token goes to $connect as ?token=.
async function cognitoToken(username, password) {
  const result = await cognitoAuth('USER_PASSWORD_AUTH', { USERNAME: username, PASSWORD: password }, 'sign-in failed');
  return { user: claimsOf(result.IdToken).sub, token: result.IdToken, refreshToken: result.RefreshToken };
}

// A new id token for the signed-in user, from the refresh token Cognito gave at sign-in.
async function cognitoRefresh() {
  const result = await cognitoAuth('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: state.refreshToken }, 'renewal failed');
  return { token: result.IdToken };
}

async function cognitoAuth(flow, parameters, failure) {
  const { region, clientId } = state.config.cognito;
  const response = await fetch('https://cognito-idp.' + region + '.amazonaws.com/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({ AuthFlow: flow, ClientId: clientId, AuthParameters: parameters }),
  });
  const body = await response.json();
  if (!response.ok || !body.AuthenticationResult) { throw new Error(body.message || failure); }
  return body.AuthenticationResult;
}

function claimsOf(token) {
  return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}

// A connection lives no longer than its token: renew it at 80 % of its life, then reconnect on the new one
// (the socket's close handler reconnects, and the reopened socket catches up on what came meanwhile).
function scheduleRenewal() {
  clearTimeout(state.renewTimer);
  const left = claimsOf(state.token).exp * 1000 - Date.now();
  state.renewTimer = setTimeout(renewToken, Math.max(1000, left * 0.8));
}

async function renewToken() {
  try {
    const session = state.config.cognito ? await cognitoRefresh() : await localToken(state.username);
    state.token = session.token;
  } catch (error) {
    state.renewTimer = setTimeout(renewToken, 5000);
    return;
  }
  scheduleRenewal();
  if (state.socket) { state.socket.close(); } else { connect(); }
}

async function signIn(event) {
  event.preventDefault();
  const username = $('username').value.trim();
  $('signin-error').textContent = '';
  let session;
  try {
    session = state.config.cognito ? await cognitoToken(username, $('password').value) : await localToken(username);
  } catch (error) {
    $('signin-error').textContent = error.message;
    return;
  }
  state.me = session.user;
  state.username = username;
  state.token = session.token;
  state.refreshToken = session.refreshToken;
  scheduleRenewal();
  $('me').textContent = session.user === username ? username : username + ' · your id ' + session.user;
  $('signin').hidden = true;
  $('chat').hidden = false;
  connect();
}

function connect() {
  if (claimsOf(state.token).exp * 1000 <= Date.now() + 1000) { renewToken(); return; } // slept past its expiry
  const socket = new WebSocket(state.config.websocketUrl + '?token=' + encodeURIComponent(state.token));
  state.socket = socket;
  socket.onopen = async () => {
    state.retry = 0;
    setStatus(true);
    sendWaiting();
    await Promise.all([loadRooms(), loadBlocked()]);
    catchUpOpenRoom();
  };
  socket.onmessage = (event) => receive(JSON.parse(event.data));
  socket.onclose = () => {
    setStatus(false);
    state.socket = null;
    settleUnanswered();
    const delay = Math.min(10000, 500 * 2 ** state.retry++);
    setTimeout(connect, delay);
  };
}

function setStatus(online) {
  $('status').textContent = online ? 'online' : 'offline';
  $('status').className = 'status ' + (online ? 'online' : 'offline');
}

// A request made while the socket is down waits, and goes out once it is open again (the header says how many
// wait). One already sent when the socket drops is answered here with a client-side error, CONNECTION_LOST (not a
// code of the chat's): the chat may or may not have done it, so nothing is resent behind the user's back.
function request(action, fields) {
  return new Promise((resolve) => {
    const requestId = 'r' + state.nextRequest++;
    state.pending.set(requestId, { frame: JSON.stringify({ action, requestId, ...fields }), sent: false, resolve });
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      transmit(requestId);
    } else {
      renderWaiting();
    }
  });
}

function transmit(requestId) {
  const pending = state.pending.get(requestId);
  pending.sent = true;
  state.socket.send(pending.frame);
}

function sendWaiting() {
  for (const [requestId, pending] of state.pending) {
    if (!pending.sent) { transmit(requestId); }
  }
  renderWaiting();
}

function settleUnanswered() {
  for (const [requestId, pending] of state.pending) {
    if (pending.sent) {
      receive({ type: 'error', requestId, data: {
        code: 'CONNECTION_LOST', message: 'the connection dropped before the answer came; try again' } });
    }
  }
}

function renderWaiting() {
  const waiting = [...state.pending.values()].filter((pending) => !pending.sent).length;
  $('waiting').textContent = waiting ? waiting + ' waiting to send' : '';
}

function receive(frame) {
  const waiting = frame.requestId && state.pending.get(frame.requestId);
  if (waiting) { state.pending.delete(frame.requestId); }
  if (frame.type === 'error') { $('error').textContent = frame.data.code + ': ' + frame.data.message; }
  if (waiting) { waiting.resolve(frame); }
  if (frame.requestId) { return; }
  if (frame.type === 'message') { onMessage(frame.data); }
  if (frame.type === 'read') { onRead(frame.data); }
  if (frame.type === 'roomCreated') { loadRooms(); }
  if (frame.type === 'typing') { onTyping(frame.data); }
  if (frame.type === 'presence') { onPresence(frame.data); }
  if (frame.type === 'unread') { onUnread(frame.data); }
  if (['messageEdited', 'messageDeleted', 'reactionsChanged'].includes(frame.type)) { onChange(frame); }
}

// An edit, a deletion or a reaction, pushed or caught up: applied to the message if the open room has it.
function onChange({ type, data }) {
  if (data.changeId) { state.changeCursors.set(data.chatRoomId, data.changeId); }
  const room = state.rooms.get(data.chatRoomId);
  if (room && room.lastMessageId === data.messageId && type !== 'reactionsChanged') {
    // the room's last message changed: so does the list's preview
    room.lastMessage = type === 'messageEdited' ? data.content.slice(0, 100) : '';
    room.lastMessageDeleted = type === 'messageDeleted' ? true : undefined;
    room.lastMessageEditedAt = type === 'messageEdited' ? data.editedAt : undefined;
    renderRooms();
  }
  if (data.chatRoomId !== state.current) { return; }
  const message = state.messages.get(data.messageId);
  if (!message) { return; }
  if (type === 'messageEdited') { message.content = data.content; message.editedAt = data.editedAt; }
  if (type === 'messageDeleted') { message.deleted = true; message.deletedAt = data.deletedAt; }
  if (type === 'reactionsChanged') { message.reactions = data.reactions; }
  renderMessages();
}

// What changed in the open room while the socket was down: the edits, deletions and reactions after its cursor.
async function catchUpChanges(roomId) {
  let since = state.changeCursors.get(roomId);
  if (!since) { return; }
  for (;;) {
    const reply = await request('getChanges', { chatRoomId: roomId, since, limit: 100 });
    if (reply.type !== 'changes' || state.current !== roomId) { return; }
    reply.data.changes.forEach(onChange);
    if (reply.data.changes.length === 0 || reply.data.nextCursor === since) { return; }
    since = reply.data.nextCursor;
    state.changeCursors.set(roomId, since);
  }
}

async function startChanges(roomId) {
  const reply = await request('getChanges', { chatRoomId: roomId });
  if (reply.type === 'changes') { state.changeCursors.set(roomId, reply.data.nextCursor); }
}

// Editing happens in place: the text becomes a field with Save and Cancel (Enter saves, Escape cancels). The field
// survives the list being drawn again (a message arriving meanwhile), with what was typed.
function editMessage(message) {
  state.editing = { messageId: message.messageId, value: message.content };
  renderMessages();
}

function stopEditing() {
  state.editing = null;
  renderMessages();
}

function openEditor() {
  const editing = state.editing;
  const message = editing && state.messages.get(editing.messageId);
  const item = message && document.querySelector('[data-message-id="' + editing.messageId + '"]');
  if (!item || message.deleted) { state.editing = null; return; }
  const form = document.createElement('form');
  form.className = 'editor';
  const field = document.createElement('input');
  field.className = 'edit-content';
  field.value = editing.value;
  field.maxLength = 5000;
  field.addEventListener('input', () => { editing.value = field.value; });
  field.addEventListener('keydown', (event) => { if (event.key === 'Escape') { stopEditing(); } });
  form.append(field, button('Save', 'save-edit', () => form.requestSubmit()), button('Cancel', 'cancel-edit', stopEditing));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const content = field.value;
    state.editing = null;
    if (!content.trim() || content === message.content) { renderMessages(); return; }
    const reply = await request('editMessage', { chatRoomId: message.chatRoomId, messageId: message.messageId, content });
    if (reply.type === 'messageEdited') { onChange(reply); } else { renderMessages(); }
  });
  item.querySelector('.text').replaceWith(form);
  field.focus();
}

async function deleteMessage(message) {
  const reply = await request('deleteMessage', { chatRoomId: message.chatRoomId, messageId: message.messageId });
  if (reply.type === 'messageDeleted') { onChange(reply); }
}

async function toggleReaction(message, emoji) {
  const mine = (message.reactions || []).some((r) => r.emoji === emoji && r.userIds.includes(state.me));
  const reply = await request('react', { chatRoomId: message.chatRoomId, messageId: message.messageId, emoji, on: !mine });
  if (reply.type === 'reactionsChanged') { onChange(reply); }
}

// "@" and the start of a member's id: the members it may be, to pick from; picking completes the word.
function suggestMentions() {
  const input = $('content');
  const before = input.value.slice(0, input.selectionStart);
  const typed = before.match(/@([A-Za-z0-9._:=+\/-]*)$/);
  const list = $('mention-suggestions');
  list.replaceChildren();
  const room = state.rooms.get(state.current);
  if (!typed || !room) { return; }
  for (const id of room.participantIds.filter((id) => id !== state.me && id.startsWith(typed[1]))) {
    list.append(button(id, 'mention-suggestion', () => {
      input.value = before.slice(0, before.length - typed[1].length) + id + ' ' + input.value.slice(before.length);
      list.replaceChildren();
      input.focus();
    }));
  }
}

function replyTo(message) {
  state.replyingTo = message;
  $('replying').textContent = 'Replying to ' + message.senderId + ': ' + [...message.content].slice(0, 100).join('');
  $('replying-bar').hidden = false;
  $('content').focus();
}

// This message and everything after it become unread: the room closes (reading it would mark them read again),
// and its badge shows the count. The other tabs hear the same count.
async function markUnread(messageId) {
  const roomId = state.current;
  const reply = await request('markUnread', { chatRoomId: roomId, messageId });
  if (reply.type !== 'unread') { return; }
  if (state.current === roomId) { closeRoom(); }
  onUnread(reply.data);
}

function onUnread({ chatRoomId, unreadCount }) {
  const room = state.rooms.get(chatRoomId);
  if (!room) { return; }
  room.unreadCount = unreadCount;
  renderRooms();
}

function onTyping({ chatRoomId, userId }) {
  const typists = state.typing.get(chatRoomId) || new Map();
  state.typing.set(chatRoomId, typists);
  clearTimeout(typists.get(userId));
  typists.set(userId, setTimeout(() => stoppedTyping(chatRoomId, userId), TYPING_SHOWN_MS));
  renderTyping();
}

function stoppedTyping(chatRoomId, userId) {
  const typists = state.typing.get(chatRoomId);
  if (!typists || !typists.has(userId)) { return; }
  clearTimeout(typists.get(userId));
  typists.delete(userId);
  renderTyping();
}

function renderTyping() {
  const typists = [...(state.typing.get(state.current) || new Map()).keys()];
  $('typing').textContent = typists.length ? typists.join(', ') + (typists.length > 1 ? ' are' : ' is') + ' typing…' : '';
}

// While the user types in the open room: no request (nothing answers it), and no more often than the server fans out.
function sayTyping() {
  const now = Date.now();
  if (!state.current || !$('content').value || now - (state.lastTypingSent.get(state.current) || 0) < TYPING_EVERY_MS) {
    return;
  }
  if (state.socket && state.socket.readyState === WebSocket.OPEN) {
    state.lastTypingSent.set(state.current, now);
    state.socket.send(JSON.stringify({ action: 'typing', chatRoomId: state.current }));
  }
}

function onPresence({ userId, online, lastSeenAt }) {
  clearTimeout(state.goingOffline.get(userId));
  state.goingOffline.delete(userId);
  if (online) {
    state.presence.set(userId, { online: true });
    renderRooms();
    return;
  }
  state.goingOffline.set(userId, setTimeout(() => {
    state.goingOffline.delete(userId);
    state.presence.set(userId, { online: false, lastSeenAt });
    renderRooms();
  }, offlineDebounceMs()));
}

// The peer of a direct room: a dot, and when they were last seen if they are not online.
function presenceOf(room) {
  if (room.type !== 'direct') { return null; }
  const peer = room.participantIds.find((id) => id !== state.me);
  return peer ? { peer, ...(state.presence.get(peer) || { online: false }) } : null;
}

function presenceText(presence) {
  if (presence.online) { return 'online'; }
  return presence.lastSeenAt ? 'last seen ' + new Date(presence.lastSeenAt).toLocaleTimeString() : 'offline';
}

async function loadBlocked() {
  const reply = await request('listBlocked', {});
  if (reply.type !== 'blocked') { return; }
  state.blocked = new Set(reply.data.userIds);
  renderMembers();
}

// Blocking someone: they cannot put you in a room, and you get none of their messages (history shows them, marked).
async function toggleBlock(userId) {
  const blocking = !state.blocked.has(userId);
  const reply = await request(blocking ? 'blockUser' : 'unblockUser', { userId });
  if (reply.type !== (blocking ? 'userBlocked' : 'userUnblocked')) { return; }
  if (blocking) { state.blocked.add(userId); } else { state.blocked.delete(userId); }
  renderMembers();
  renderMessages();
}

// The open room's other members, each with a button to block or unblock them.
function renderMembers() {
  const list = $('members');
  const room = state.current && state.rooms.get(state.current);
  list.replaceChildren();
  if (!room) { return; }
  for (const userId of room.participantIds.filter((id) => id !== state.me)) {
    const item = document.createElement('li');
    item.dataset.userId = userId;
    const name = document.createElement('span');
    name.textContent = userId;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'block';
    button.textContent = state.blocked.has(userId) ? 'Unblock' : 'Block';
    button.addEventListener('click', () => toggleBlock(userId));
    item.append(name, button);
    list.append(item);
  }
}

async function loadRooms() {
  // Only the newest request's answer counts: answers can arrive out of order, and an older one may predate a push.
  const generation = (state.roomsGeneration = (state.roomsGeneration || 0) + 1);
  const rooms = [];
  let cursor = null;
  do { // every page: a user in more rooms than one page holds sees them all
    const reply = await request('listRooms', cursor ? { limit: 100, cursor } : { limit: 100 });
    if (reply.type !== 'rooms' || generation !== state.roomsGeneration) { return; }
    rooms.push(...reply.data.rooms);
    cursor = reply.data.nextCursor;
  } while (cursor);
  state.rooms = new Map(rooms.map((room) => [room.chatRoomId, room]));
  for (const room of rooms) { // who is online now, and when a direct peer was last seen
    for (const id of room.participantIds) {
      if (id === state.me || state.goingOffline.has(id)) { continue; }
      const online = (room.online || []).includes(id);
      const known = state.presence.get(id);
      if (online || room.type === 'direct' || !known) {
        state.presence.set(id, online ? { online: true } : { online: false, lastSeenAt: room.lastSeenAt || known?.lastSeenAt });
      }
    }
  }
  renderRooms();
}

function renderRooms() {
  const list = $('rooms');
  list.replaceChildren();
  const rooms = [...state.rooms.values()].sort((a, b) => b.lastMessageId.localeCompare(a.lastMessageId));
  for (const room of rooms) {
    const item = document.createElement('li');
    item.dataset.room = room.chatRoomId;
    item.className = room.chatRoomId === state.current ? 'active' : '';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = roomTitle(room);
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.dataset.count = room.unreadCount;
    badge.textContent = room.unreadCount;
    const preview = document.createElement('span');
    preview.className = 'preview';
    preview.textContent = room.lastMessageDeleted ? 'message deleted'
      : room.lastMessage + (room.lastMessageEditedAt ? ' (edited)' : '');
    const presence = presenceOf(room);
    if (presence) {
      const dot = document.createElement('span');
      dot.className = 'presence ' + (presence.online ? 'online' : 'offline');
      dot.dataset.user = presence.peer;
      dot.title = presenceText(presence);
      dot.textContent = '●';
      name.prepend(dot);
    }
    item.append(name, badge, preview);
    item.onclick = () => openRoom(room.chatRoomId);
    list.append(item);
  }
  renderRoomHeader();
}

function roomTitle(room) {
  if (room.name) { return room.name; }
  return room.participantIds.filter((id) => id !== state.me).join(', ') || room.chatRoomId;
}

async function openRoom(roomId) {
  // a file is granted for one room: it waits there for that room's next send
  if (state.current) { state.uploadsByRoom.set(state.current, state.uploads); }
  state.current = roomId;
  state.messages = new Map();
  state.uploads = state.uploadsByRoom.get(roomId) || [];
  state.uploadsByRoom.delete(roomId);
  renderUploads();
  $('messages').replaceChildren();
  $('composer').hidden = false;
  renderRoomHeader();
  await Promise.all([loadOlder(true), startChanges(roomId)]);
  renderRooms();
}

// The open room's title and actions; again whenever the list is refreshed (the room may have just arrived in it).
function renderRoomHeader() {
  if (!state.current) { return; }
  const room = state.rooms.get(state.current);
  $('room-title').textContent = roomTitle(room || { participantIds: [], chatRoomId: state.current });
  const presence = room && presenceOf(room);
  $('room-presence').textContent = presence ? presenceText(presence) : '';
  renderTyping();
  $('room-actions').hidden = false;
  $('add-members').hidden = !room || room.type !== 'group'; // a direct room stays a pair: the server refuses adding
  renderMembers();
}

function closeRoom() {
  if (state.current) { state.uploadsByRoom.set(state.current, state.uploads); }
  state.uploads = [];
  renderUploads();
  state.current = null;
  state.messages = new Map();
  $('messages').replaceChildren();
  $('composer').hidden = true;
  $('room-actions').hidden = true;
  $('members').replaceChildren();
  $('older').hidden = true;
  $('room-title').textContent = 'Pick a room';
  $('room-presence').textContent = '';
  $('typing').textContent = '';
}

// Leaving takes the room out of your list at once; the others see "… left".
async function leaveRoom() {
  const roomId = state.current;
  if (!roomId) { return; }
  const reply = await request('leaveRoom', { chatRoomId: roomId });
  if (reply.type !== 'roomLeft') { return; }
  state.rooms.delete(roomId);
  if (state.current === roomId) { closeRoom(); }
  renderRooms();
}

async function addMembers(event) {
  event.preventDefault();
  const participantIds = $('new-members').value.split(',').map((s) => s.trim()).filter(Boolean);
  const reply = await request('addMembers', { chatRoomId: state.current, participantIds });
  if (reply.type === 'membersAdded') {
    $('new-members').value = '';
    await loadRooms();
  }
}

async function loadOlder(first) {
  const fields = { chatRoomId: state.current, limit: 30 };
  if (!first && state.olderCursor) { fields.before = state.olderCursor; }
  const reply = await request('getMessages', fields);
  if (reply.type !== 'messages' || reply.data.chatRoomId !== state.current) { return; }
  for (const message of reply.data.messages) { state.messages.set(message.messageId, message); }
  state.olderCursor = reply.data.nextCursor;
  $('older').hidden = !state.olderCursor;
  renderMessages();
  if (first) { markLatestRead(); }
}

function renderMessages() {
  const list = $('messages');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
  list.replaceChildren();
  const messages = [...state.messages.values()].sort((a, b) => a.messageId.localeCompare(b.messageId));
  const room = state.rooms.get(state.current);
  for (const message of messages) {
    const item = document.createElement('li');
    item.dataset.messageId = message.messageId;
    item.className = message.messageType === 'system' ? 'system' : (message.senderId === state.me ? 'mine' : '');
    if (message.blocked || (message.messageType === 'user' && state.blocked.has(message.senderId))) {
      item.classList.add('blocked');
    }
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = message.deleted && !message.senderId ? '' // a tombstone from history: no sender, no text
      : message.senderId + ' · ' + new Date(message.createdAt).toLocaleTimeString();
    if (message.replyTo) {
      const quote = document.createElement('blockquote');
      quote.className = 'reply-to';
      quote.textContent = message.replyTo.senderId + ': '
        + (message.replyTo.deleted ? 'message deleted' : message.replyTo.preview);
      quote.addEventListener('click', () => {
        const answered = document.querySelector('[data-message-id="' + message.replyTo.messageId + '"]');
        if (answered) { answered.scrollIntoView(); }
      });
      item.append(quote);
    }
    const text = document.createElement('div');
    text.className = 'text';
    text.textContent = message.deleted ? 'message deleted' : message.content;
    if (message.deleted) { item.classList.add('deleted'); }
    item.append(meta, text);
    if (message.attachments && message.attachments.length && !message.deleted) {
      item.append(attachmentsOf(message));
    }
    if (message.editedAt && !message.deleted) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = '(edited)';
      meta.append(edited);
    }
    if (message.messageType === 'user' && !message.deleted) {
      item.append(messageActions(message), reactionsOf(message));
    }
    const readers = message.readBy || [message.senderId];
    if (message.messageType === 'user' && message.senderId === state.me && room && room.type === 'direct'
        && readers.length > 1) {
      const seen = document.createElement('span');
      seen.className = 'seen';
      seen.textContent = 'seen';
      meta.append(seen);
    }
    if (message.messageType === 'user' && message.senderId !== state.me && !message.deleted) {
      const unread = document.createElement('button');
      unread.type = 'button';
      unread.className = 'mark-unread';
      unread.textContent = 'Mark unread';
      unread.addEventListener('click', () => markUnread(message.messageId));
      meta.append(unread);
    }
    list.append(item);
  }
  if (state.editing) { openEditor(); }
  if (atBottom) { list.scrollTop = list.scrollHeight; }
}

// A message's files: images shown in the page (click to open), other files as a named download. A URL that ran out
// is renewed on use (getAttachmentUrl).
function attachmentsOf(message) {
  const files = document.createElement('div');
  files.className = 'attachments';
  for (const file of message.attachments) {
    const link = document.createElement('a');
    link.href = file.url || '#';
    link.rel = 'noopener';
    link.target = '_blank';
    link.addEventListener('click', (event) => openAttachment(event, message, file));
    if (INLINE_TYPES.includes(file.contentType) && file.url) {
      const image = document.createElement('img');
      image.className = 'thumbnail';
      image.alt = file.fileName;
      image.src = file.url;
      link.append(image);
    } else {
      link.className = 'file';
      link.textContent = '\u{1F4C4} ' + file.fileName + ' (' + sizeText(file.size) + ')';
    }
    files.append(link);
  }
  return files;
}

async function openAttachment(event, message, file) {
  if (file.url && Date.parse(file.urlExpiresAt) > Date.now() + 5000) { return; }
  event.preventDefault();
  const reply = await request('getAttachmentUrl', {
    chatRoomId: message.chatRoomId, messageId: message.messageId, attachmentId: file.attachmentId });
  if (reply.type === 'attachmentUrl') {
    file.url = reply.data.url;
    file.urlExpiresAt = reply.data.expiresAt;
    window.open(file.url, '_blank', 'noopener');
    renderMessages();
  }
}

function limitText(bytes) {
  const megabytes = bytes / 1024 / 1024;
  return Number.isInteger(megabytes) ? megabytes + ' MB' : sizeText(bytes);
}

function sizeText(bytes) {
  return bytes < 1024 * 1024 ? Math.max(1, Math.round(bytes / 1024)) + ' KB' : (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

// Files picked, pasted or dropped: each checked against the rules, granted, then uploaded straight to the store.
function attachFiles(files) {
  if (!state.current) { return; }
  for (const file of files) { upload(file); }
}

async function upload(file) {
  const entry = { name: file.name || 'pasted.png', progress: 0 };
  state.uploads.push(entry);
  const rules = state.config.attachments;
  if (rules && file.size > rules.maxFileBytes) {
    entry.error = entry.name + ' is ' + sizeText(file.size) + ': the limit is ' + limitText(rules.maxFileBytes);
  } else if (rules && !rules.contentTypes.includes(file.type)) {
    entry.error = entry.name + ' is ' + (file.type || 'of no known type') + ': only '
      + rules.contentTypes.join(', ') + ' may be attached';
  }
  renderUploads();
  if (entry.error) { return; }
  const granted = await request('requestUpload', {
    chatRoomId: state.current, fileName: entry.name, contentType: file.type, size: file.size });
  if (granted.type !== 'uploadGranted') {
    entry.error = entry.name + ': ' + granted.data.message;
    renderUploads();
    return;
  }
  const xhr = new XMLHttpRequest();
  xhr.open(granted.data.method, granted.data.uploadUrl);
  for (const [name, value] of Object.entries(granted.data.headers)) { xhr.setRequestHeader(name, value); }
  xhr.upload.onprogress = (progress) => {
    if (progress.lengthComputable) { entry.progress = Math.floor(100 * progress.loaded / progress.total); renderUploads(); }
  };
  xhr.onload = () => {
    if (xhr.status >= 200 && xhr.status < 300) {
      entry.attachmentId = granted.data.attachmentId;
      entry.progress = 100;
    } else {
      entry.error = entry.name + ': the upload was refused (' + xhr.status + ')';
    }
    renderUploads();
  };
  xhr.onerror = () => { entry.error = entry.name + ': the upload failed (no connection)'; renderUploads(); };
  xhr.send(file);
}

// The files a send took: gone from its room's list, whichever room is open now.
function sentUploads(roomId) {
  state.uploadsByRoom.delete(roomId);
  if (state.current === roomId) {
    state.uploads = [];
    renderUploads();
  }
}

function renderUploads() {
  const list = $('uploads');
  list.replaceChildren();
  for (const entry of state.uploads) {
    const item = document.createElement('li');
    item.className = entry.error ? 'failed' : (entry.attachmentId ? 'ready' : 'uploading');
    item.textContent = entry.error || (entry.name + (entry.attachmentId ? ' \u2713' : ' ' + entry.progress + '%'));
    item.append(button('\u00D7', 'remove', () => {
      state.uploads = state.uploads.filter((other) => other !== entry);
      renderUploads();
    }));
    list.append(item);
  }
}

function button(label, className, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

function messageActions(message) {
  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(button('Reply', 'reply', () => replyTo(message)));
  if (message.senderId === state.me) {
    actions.append(button('Edit', 'edit', () => editMessage(message)), button('Delete', 'delete', () => deleteMessage(message)));
  }
  for (const emoji of PICKER) { actions.append(button(emoji, 'pick', () => toggleReaction(message, emoji))); }
  return actions;
}

function reactionsOf(message) {
  const list = document.createElement('div');
  list.className = 'reactions';
  for (const reaction of message.reactions || []) {
    const mine = reaction.userIds.includes(state.me);
    list.append(button(reaction.emoji + ' ' + reaction.userIds.length, 'reaction' + (mine ? ' mine' : ''),
      () => toggleReaction(message, reaction.emoji)));
  }
  return list;
}

function onMessage(message) {
  stoppedTyping(message.chatRoomId, message.senderId); // their message is what they were typing
  // A retried send is pushed again: a message already seen changes nothing.
  state.seenIds = state.seenIds || new Set();
  if (state.seenIds.has(message.messageId)) { return; }
  state.seenIds.add(message.messageId);
  const room = state.rooms.get(message.chatRoomId);
  if (room) {
    room.lastMessage = message.content ? message.content.slice(0, 100)
      : '\u{1F4CE} ' + (message.attachments || [{ fileName: '' }])[0].fileName;
    room.lastMessageDeleted = undefined;
    room.lastMessageEditedAt = undefined;
    room.lastMessageId = message.messageId;
    room.lastMessageAt = message.createdAt;
    if (message.senderId !== state.me && message.chatRoomId !== state.current) { room.unreadCount += 1; }
    renderRooms();
  } else {
    loadRooms();
  }
  if (message.chatRoomId === state.current) {
    message.readBy = [message.senderId];
    state.messages.set(message.messageId, message);
    renderMessages();
    if (message.senderId !== state.me && document.visibilityState === 'visible') { markReadSoon(); }
  }
}

function onRead(receipt) {
  if (receipt.chatRoomId !== state.current) { return; }
  for (const message of state.messages.values()) {
    if (message.messageId <= receipt.messageId && !(message.readBy || []).includes(receipt.userId)) {
      message.readBy = [...(message.readBy || [message.senderId]), receipt.userId];
    }
  }
  renderMessages();
}

// While messages keep arriving in the open room, mark read at most once a second (the newest by then), not once
// per message: one markRead when the room is opened, then one per second of traffic at most.
const MARK_READ_INTERVAL_MS = 1000;

function markReadSoon() {
  if (state.markReadTimer) { return; }
  const wait = Math.max(0, (state.lastMarkReadAt || 0) + MARK_READ_INTERVAL_MS - Date.now());
  state.markReadTimer = setTimeout(() => { state.markReadTimer = null; markLatestRead(); }, wait);
}

function markLatestRead() {
  state.lastMarkReadAt = Date.now();
  const latest = [...state.messages.values()].filter((m) => m.senderId !== state.me && m.messageType === 'user')
    .map((m) => m.messageId).sort().pop();
  const room = state.rooms.get(state.current);
  if (room) { room.unreadCount = 0; renderRooms(); }
  if (latest) { request('markRead', { chatRoomId: state.current, messageId: latest }); }
}

// After a reconnect every room is caught up: the fresh room list (all pages) carries each room's last message and
// exact unread count, and the open room gets what it missed, oldest first, page after page. Past CATCH_UP_MESSAGES
// it starts again from the newest page instead, and "Older messages" loads the rest on demand.
const CATCH_UP_MESSAGES = 1000;

async function catchUpOpenRoom() {
  const roomId = state.current;
  let after = [...state.messages.keys()].sort().pop();
  if (!roomId || !after) { return; }
  const missed = [];
  for (;;) {
    const reply = await request('getMessages', { chatRoomId: roomId, after, limit: 100 });
    if (reply.type !== 'messages' || state.current !== roomId) { return; }
    const page = reply.data.messages;
    if (page.length === 0) { break; }
    missed.push(...page);
    after = page[page.length - 1].messageId;
    if (missed.length >= CATCH_UP_MESSAGES) {
      state.messages = new Map();
      await loadOlder(true);
      return;
    }
  }
  state.seenIds = state.seenIds || new Set();
  for (const message of missed) {
    state.seenIds.add(message.messageId);
    state.messages.set(message.messageId, message);
  }
  renderMessages();
  await catchUpChanges(roomId);
  if (missed.length && document.visibilityState === 'visible') { markReadSoon(); }
}

async function send(event) {
  event.preventDefault();
  const content = $('content').value;
  const attachments = state.uploads.filter((upload) => upload.attachmentId).map((upload) => upload.attachmentId);
  if (state.uploads.some((upload) => !upload.attachmentId && !upload.error)) {
    $('error').textContent = 'wait for the files to finish uploading';
    return;
  }
  if (!content.trim() && !attachments.length) { return; }
  $('error').textContent = '';
  const room = state.rooms.get(state.current);
  // @name for a member of the room mentions them
  const mentions = (room ? room.participantIds : []).filter((id) => id !== state.me && content.includes('@' + id));
  const fields = {
    chatRoomId: state.current, content, clientMessageId: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()),
  };
  if (mentions.length) { fields.mentions = mentions; }
  if (attachments.length) { fields.attachments = attachments; }
  if (state.replyingTo && state.replyingTo.chatRoomId === state.current) { fields.replyTo = state.replyingTo.messageId; }
  const reply = await request('sendMessage', fields);
  // the reply is the message: this connection is not pushed its own (the user's other tabs are)
  if (reply.type === 'sent') {
    $('content').value = '';
    sentUploads(fields.chatRoomId);
    state.replyingTo = null;
    $('replying-bar').hidden = true;
    $('mention-suggestions').replaceChildren();
    onMessage(reply.data);
  }
}

async function createRoom(event) {
  event.preventDefault();
  const participantIds = $('participants').value.split(',').map((s) => s.trim()).filter(Boolean);
  const name = $('room-name').value.trim();
  const reply = await request('createRoom', name ? { participantIds, name } : { participantIds });
  if (reply.type === 'roomCreated') {
    $('participants').value = '';
    $('room-name').value = '';
    await loadRooms();
    openRoom(reply.data.chatRoomId);
  }
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && state.current) { markLatestRead(); }
});
$('signin-form').addEventListener('submit', signIn);
loadConfig();
$('composer').addEventListener('submit', send);
$('content').addEventListener('input', sayTyping);
$('content').addEventListener('input', suggestMentions);
$('content').addEventListener('paste', (event) => {
  const files = [...((event.clipboardData && event.clipboardData.files) || [])];
  if (files.length) { event.preventDefault(); attachFiles(files); }
});
$('file').addEventListener('change', () => { attachFiles([...$('file').files]); $('file').value = ''; });
$('room').addEventListener('dragover', (event) => event.preventDefault());
$('room').addEventListener('drop', (event) => { event.preventDefault(); attachFiles([...event.dataTransfer.files]); });
$('cancel-reply').addEventListener('click', () => { state.replyingTo = null; $('replying-bar').hidden = true; });
$('new-room').addEventListener('submit', createRoom);
$('older').addEventListener('click', () => loadOlder(false));
$('leave-room').addEventListener('click', leaveRoom);
$('add-members').addEventListener('submit', addMembers);
