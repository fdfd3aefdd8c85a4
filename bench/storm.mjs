// A reconnect storm, from a Node client (the JDK's WebSocket client costs more per handshake than the server does):
//   node bench/storm.mjs URL CLIENTS KEY_PEM ISSUER AUDIENCE [CONCURRENCY]
// Setup (not timed): CLIENTS users sign in (the handshake rate of that phase is printed too), in groups of 100
// (one creates the group, the others join it by its code), then all close. Storm (timed): all come back at once,
// CONCURRENCY in flight: open with the token, wait for connection_status, join_conversation, sync.
// Uses the WebSocket client of the team's harness (../shared/perf/rawws.mjs). Loopback only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { RawWs } from '../../shared/perf/rawws.mjs';

const [url, clientsArg, keyPath, issuer, audience, concurrencyArg] = process.argv.slice(2);
if (!/^ws:\/\/(127\.0\.0\.1|localhost):/.test(url || '')) throw new Error('loopback ws:// URL only');
const CLIENTS = Number(clientsArg);
const CONCURRENCY = Number(concurrencyArg || 200);
const KEY = crypto.createPrivateKey(fs.readFileSync(keyPath));
const RUN = crypto.randomBytes(3).toString('hex');
const b64u = (s) => Buffer.from(s).toString('base64url');
const HEAD = b64u(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));

function token(sub) {
  const iat = Math.floor(Date.now() / 1000);
  const input = `${HEAD}.${b64u(JSON.stringify({ iss: issuer, sub, name: sub, aud: audience, iat, exp: iat + 3600 }))}`;
  return `${input}.${crypto.sign('RSA-SHA256', Buffer.from(input), KEY).toString('base64url')}`;
}

/** One signed-in client: requests one at a time, answers matched by requestId. */
async function connect(tok) {
  const ws = new RawWs(new URL(url), ['chat.v1', `bearer.${tok}`], { timeoutMs: 60000 });
  let waiting = null;
  let signedIn;
  const ready = new Promise((resolve, reject) => { signedIn = { resolve, reject }; });
  ws.onText = (view) => {
    const text = view.toString();
    if (text.includes('"connection_status"')) {
      if (text.includes('"authenticated"')) signedIn.resolve(); else signedIn.reject(new Error(text));
    } else if (waiting && text.includes(`"requestId":"${waiting.id}"`)) {
      const w = waiting; waiting = null;
      if (text.startsWith('{"type":"error"')) w.reject(new Error(text)); else w.resolve(text);
    }
  };
  ws.onClose = (code) => { signedIn.reject(new Error(`closed ${code}`)); if (waiting) waiting.reject(new Error(`closed ${code}`)); };
  await ws.open();
  await ready;
  let n = 0;
  ws.request = (type, payload) => new Promise((resolve, reject) => {
    const id = `s${++n}`;
    waiting = { id, resolve, reject };
    ws.send(JSON.stringify({ type, requestId: id, payload }));
  });
  return ws;
}

/** Runs task(i) for every i, at most `limit` at once. */
async function pool(count, limit, task) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) { const i = next++; results[i] = await task(i); }
  }));
  return results;
}

const users = Array.from({ length: CLIENTS }, (_, i) => `storm-${RUN}-${i}`);
const tokens = users.map(token);
let t = performance.now();
const first = await pool(CLIENTS, 64, (i) => connect(tokens[i]));
const handshakesPerS = CLIENTS / ((performance.now() - t) / 1000);
const conversationOf = new Array(CLIENTS);
for (let owner = 0; owner < CLIENTS; owner += 100) {
  const group = await first[owner].request('create_group', { name: 'storm' });
  const conversation = Number(/"conversationId":(\d+)/.exec(group)[1]);
  const code = /"inviteCode":"([^"]+)"/.exec(group)[1];
  const members = [];
  for (let i = owner; i < Math.min(CLIENTS, owner + 100); i++) { conversationOf[i] = conversation; if (i !== owner) members.push(i); }
  await pool(members.length, 32, (k) => first[members[k]].request('join_group', { inviteCode: code }));
}
first.forEach((ws) => ws.close());
await new Promise((r) => setTimeout(r, 2000));
if (process.env.STORM_READY) fs.writeFileSync(process.env.STORM_READY, 'storm\n'); // for a profiler to start now

t = performance.now();
const back = await pool(CLIENTS, CONCURRENCY, async (i) => {
  const ws = await connect(tokens[i]);
  await ws.request('join_conversation', { conversationId: conversationOf[i] });
  await ws.request('sync', { conversations: [{ conversationId: conversationOf[i], afterSeq: 0 }] });
  return ws;
});
const seconds = (performance.now() - t) / 1000;
console.log(`RESULT storm clients=${CLIENTS} seconds=${seconds.toFixed(2)} clients_per_s=${(CLIENTS / seconds).toFixed(0)} handshakes_per_s=${handshakesPerS.toFixed(0)}`);
back.forEach((ws) => ws.close());
setTimeout(() => process.exit(0), 500);
