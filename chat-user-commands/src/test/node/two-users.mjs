// A chat session of two users over Node's ws, as a user's script or wscat talks to a running chat:
// node two-users.mjs HTTP_URL WS_URL  (HTTP_URL ends with '/'; WS_URL is ws://host:port/stage)
// Signs alice and bob in through /dev/token, alice creates a room with bob and sends messages of every size the
// content rule allows; bob must receive each exactly as sent. ws offers permessage-deflate, as browsers do.
// Prints one JSON line: {"extensions": …, "delivered": n}; exits 1 with the reason on any failure.
import WebSocket from 'ws';

const [httpUrl, wsUrl] = process.argv.slice(2);
const fail = (reason) => {
  console.error('two-users: ' + reason);
  process.exit(1);
};
setTimeout(() => fail('no answer within 30 s'), 30_000).unref();

async function tokenFor(username) {
  const response = await fetch(httpUrl + 'dev/token', { method: 'POST', body: JSON.stringify({ username }) });
  if (response.status !== 200) fail(`/dev/token answered ${response.status}`);
  return (await response.json()).token;
}

function connect(username, token) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl + '?token=' + encodeURIComponent(token));
    const frames = [];
    const waiting = [];
    let requests = 0;
    socket.on('message', (data) => {
      frames.push(JSON.parse(data.toString()));
      waiting.splice(0).forEach((wake) => wake());
    });
    socket.on('close', (code, reason) => fail(`${username}'s socket closed: ${code} ${reason}`));
    socket.on('error', reject);
    const next = (wanted) => new Promise((found) => {
      const look = () => {
        const index = frames.findIndex(wanted);
        if (index >= 0) found(frames.splice(index, 1)[0]);
        else waiting.push(look);
      };
      look();
    });
    socket.on('open', () => resolve({
      socket,
      request(frame) {
        const requestId = `${username}-${++requests}`;
        socket.send(JSON.stringify({ ...frame, requestId }));
        return next((reply) => reply.requestId === requestId);
      },
      push: (type) => next((frame) => frame.type === type && frame.requestId === undefined),
    }));
  });
}

const alice = await connect('alice', await tokenFor('alice'));
const bob = await connect('bob', await tokenFor('bob'));
const created = await alice.request({ action: 'createRoom', participantIds: ['bob'] });
if (created.type !== 'roomCreated') fail('createRoom: ' + JSON.stringify(created));
const room = created.data.chatRoomId;

const contents = ['hello bob', '\u{1F600}'.repeat(5000), '"\n'.repeat(2500), '\u6f22'.repeat(5000)];
for (const content of contents) {
  const sent = await alice.request({ action: 'sendMessage', chatRoomId: room, content });
  if (sent.type !== 'sent') fail('sendMessage: ' + JSON.stringify(sent).slice(0, 300));
  const message = await bob.push('message');
  if (message.data.content !== content) fail(`bob got other content for a message of ${content.length} chars`);
}
console.log(JSON.stringify({ extensions: alice.socket.extensions, delivered: contents.length }));
for (const user of [alice, bob]) {
  user.socket.removeAllListeners('close');
  user.socket.close(1000);
}
