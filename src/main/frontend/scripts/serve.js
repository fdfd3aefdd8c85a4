#!/usr/bin/env node
/**
 * Serves the built UI (build/) and forwards api/ (HTTP and WebSocket) to a chat server — the same layout as the
 * WAR, for trying a build against a server whose jar does not contain it yet.
 *
 *   CHAT_SERVER=http://127.0.0.1:8080 PORT=5173 node scripts/serve.js
 *
 * Also used by the end-to-end tests when E2E_SERVE_BUILD=1. Listens on 127.0.0.1 only.
 */
import http from 'node:http';
import net from 'node:net';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
};

/**
 * @param {{ root: string, target: URL, port?: number }} options
 * @returns {Promise<http.Server>} listening on 127.0.0.1
 */
export function serve({ root, target, port = 0 }) {
  const base = resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) return forward(req, res, target);
    const path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    let file = path;
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.includes(`${sep}immutable${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
    });
    createReadStream(file).pipe(res);
  });
  server.on('upgrade', (req, socket, head) => tunnel(req, socket, head, target));
  return new Promise((resolveListen) => server.listen(port, '127.0.0.1', () => resolveListen(server)));
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} target */
function forward(req, res, target) {
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    }
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end('chat server unreachable');
  });
  req.pipe(upstream);
}

/**
 * Forwards a WebSocket upgrade byte for byte: the request line and headers as received, then both directions.
 * @param {http.IncomingMessage} req @param {import('node:stream').Duplex} socket @param {Buffer} head @param {URL} target
 */
function tunnel(req, socket, head, target) {
  const upstream = net.connect(Number(target.port), target.hostname, () => {
    const headers = Object.entries({ ...req.headers, host: target.host })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', close);
  upstream.on('close', close);
  socket.on('error', close);
  socket.on('close', close);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = new URL(process.env.CHAT_SERVER ?? 'http://127.0.0.1:8080');
  const root = fileURLToPath(new URL('../build', import.meta.url));
  const server = await serve({ root, target, port: Number(process.env.PORT ?? 5173) });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`Serving build/ on http://127.0.0.1:${address.port}/ (api/ → ${target.origin})\n`);
}
