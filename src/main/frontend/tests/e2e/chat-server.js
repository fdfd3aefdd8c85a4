/**
 * Runs the real chat server for the end-to-end tests: resets the test database, starts `java -jar` in dev mode
 * on a free loopback port, waits until it serves the UI, kills it (SIGKILL, like a crash) and starts it again on
 * the same port. Always killed when the test process exits. With `tls`, Payara Micro's HTTPS listener is on too
 * (`--sslport`), with a self-signed certificate for localhost/127.0.0.1 that the run makes with keytool in
 * test-results/tls/ — the set-up README and docs/deployment.md describe.
 *
 * Environment:
 *   CHAT_JAR          the runnable jar (default ../../../target/chat-server.jar from src/main/frontend)
 *   E2E_DB_URL        JDBC URL of the test database (default jdbc:postgresql://127.0.0.1:5432/chat_e2e); dropped
 *                     and created again on every run
 *   E2E_DB_USER       default postgres; E2E_DB_PASSWORD default empty
 *   E2E_SERVE_BUILD=1 serve the UI from build/ (with api/ forwarded to the jar) instead of from the jar, for
 *                     a jar built without the UI
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.js';

const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// E2E_BOOT_TIMEOUT_MS: a machine busy with other builds starts Payara Micro in more than two minutes.
const BOOT_TIMEOUT_MS = Number(process.env.E2E_BOOT_TIMEOUT_MS) || 120_000;

export class ChatServer {
  /** @type {import('node:child_process').ChildProcess | null} */
  #process = null;
  /** @type {import('node:http').Server | null} */
  #static = null;
  #port = 0;
  #sslPort = 0;
  /** @type {{ keystore: string, password: string, certificate: string } | null} */
  #tls = null;
  #starts = 0;
  #jar = resolve(FRONTEND, process.env.CHAT_JAR ?? '../../../target/chat-server.jar');
  #serveBuild = process.env.E2E_SERVE_BUILD === '1';
  #db = parseJdbcUrl(process.env.E2E_DB_URL ?? 'jdbc:postgresql://127.0.0.1:5432/chat_e2e');
  #dbUser = process.env.E2E_DB_USER ?? 'postgres';
  #dbPassword = process.env.E2E_DB_PASSWORD ?? '';
  /** The URL the browsers open. */
  baseUrl = '';
  /** The same server over HTTPS (with `tls`), e.g. https://127.0.0.1:41443/. */
  httpsUrl = '';

  /**
   * Resets the database, starts the server and waits until it answers.
   * @param {{ tls?: boolean }} [options] tls: an HTTPS listener too, with a certificate made for this run
   */
  static async start({ tls = false } = {}) {
    const server = new ChatServer();
    if (!existsSync(server.#jar)) throw new Error(`no chat server jar at ${server.#jar}: build it first or set CHAT_JAR`);
    server.#resetDatabase();
    server.#port = await freePort();
    if (tls) {
      server.#tls = makeCertificate(resolve(FRONTEND, 'test-results/tls'));
      server.#sslPort = await freePort();
      server.httpsUrl = `https://127.0.0.1:${server.#sslPort}/`;
    }
    process.once('exit', () => server.#process?.kill('SIGKILL'));
    if (server.#serveBuild) {
      server.#static = await serve({ root: resolve(FRONTEND, 'build'), target: new URL(`http://127.0.0.1:${server.#port}`) });
      server.baseUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.#static.address()).port}/`;
    } else {
      server.baseUrl = `http://127.0.0.1:${server.#port}/`;
    }
    await server.restart();
    return server;
  }

  /** Starts the server (again, on the same port) and waits until it serves the page and dev tokens. */
  async restart() {
    if (this.#process) throw new Error('the server is running');
    this.#starts += 1;
    mkdirSync(resolve(FRONTEND, 'test-results'), { recursive: true });
    const log = createWriteStream(resolve(FRONTEND, `test-results/chat-server-${this.#starts}.log`));
    // java.io.tmpdir: Payara unpacks its runtime there and a killed server leaves it behind; under Maven TMPDIR is
    // target/tmp, emptied at every run, instead of /tmp.
    const child = spawn('java', [`-Djava.io.tmpdir=${tmpdir()}`, ...this.#tlsProperties(), '-jar', this.#jar, '--port', String(this.#port), ...this.#tlsOptions()], {
      env: {
        ...process.env,
        CHAT_DEV_MODE: 'true',
        DB_URL: this.#db.jdbc,
        DB_USER: this.#dbUser,
        DB_PASSWORD: this.#dbPassword
      },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.#process = child;
    child.once('exit', () => {
      if (this.#process === child) this.#process = null;
    });
    await this.#waitUntilReady(child);
  }

  /** Kills the server at once (SIGKILL: no close frames, like a crash) and waits until it is gone. */
  async kill() {
    const child = this.#process;
    if (!child) return;
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGKILL');
    await exited;
    this.#process = null;
  }

  /** Stops everything this object started. */
  async stop() {
    await this.kill();
    await new Promise((resolveClose) => (this.#static ? this.#static.close(resolveClose) : resolveClose(undefined)));
    this.#static?.closeAllConnections?.();
  }

  /** The keystore as Payara Micro reads it: JVM properties (it copies the file into its runtime directory). */
  #tlsProperties() {
    if (!this.#tls) return [];
    return [`-Djavax.net.ssl.keyStore=${this.#tls.keystore}`, `-Djavax.net.ssl.keyStorePassword=${this.#tls.password}`];
  }

  /** The HTTPS listener and the keystore entry it serves. */
  #tlsOptions() {
    return this.#tls ? ['--sslport', String(this.#sslPort), '--sslcert', CERTIFICATE_ALIAS] : [];
  }

  /** @param {import('node:child_process').ChildProcess} child */
  async #waitUntilReady(child) {
    const deadline = Date.now() + BOOT_TIMEOUT_MS;
    const origin = `http://127.0.0.1:${this.#port}`;
    // Payara logs "ready" even when the deployment failed, so ask the application itself.
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the chat server exited with ${child.exitCode}; see test-results/chat-server-${this.#starts}.log`);
      if ((await pageServed(this.baseUrl)) && (await devTokensServed(origin)) && (await this.#httpsServed())) return;
      // Polled often: the reconnect test measures the time from here to the browsers being back.
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the chat server did not start within ${BOOT_TIMEOUT_MS / 1000} s`);
  }

  /** The HTTPS page, its certificate checked against the one this run made (not merely accepted). */
  async #httpsServed() {
    if (!this.#tls) return true;
    const certificate = this.#tls.certificate;
    return new Promise((resolveServed) => {
      const request = https.get(this.httpsUrl, { ca: certificate, timeout: 5000 }, (response) => {
        response.resume();
        resolveServed(response.statusCode === 200);
      });
      request.on('error', () => resolveServed(false));
      request.on('timeout', () => request.destroy());
    });
  }

  #resetDatabase() {
    const env = { ...process.env, PGPASSWORD: this.#dbPassword, PGCONNECT_TIMEOUT: '10' };
    const args = ['-h', this.#db.host, '-p', this.#db.port, '-U', this.#dbUser, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q'];
    const name = `"${this.#db.database.replace(/"/g, '""')}"`;
    for (const sql of [`drop database if exists ${name} with (force)`, `create database ${name}`]) {
      const result = spawnSync('psql', [...args, '-c', sql], { env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`psql failed (${sql}): ${result.stderr || result.error}`);
    }
  }
}

/** @param {string} url */
async function pageServed(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.status === 200 && (await response.text()).includes('__sveltekit');
  } catch {
    return false;
  }
}

/** @param {string} origin */
async function devTokensServed(origin) {
  try {
    const response = await fetch(`${origin}/api/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'e2e-probe', name: null }),
      signal: AbortSignal.timeout(5000)
    });
    return response.status === 200;
  } catch {
    return false;
  }
}

const CERTIFICATE_ALIAS = 'chat';

/**
 * A self-signed certificate for localhost and 127.0.0.1 in a new PKCS#12 keystore (keytool, from the JDK that runs
 * the server), valid two days, with a random password; and the certificate in PEM for Node's checks.
 * @param {string} dir emptied first
 */
function makeCertificate(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const keystore = resolve(dir, 'chat.p12');
  const pem = resolve(dir, 'chat.pem');
  const password = randomBytes(12).toString('hex');
  const keytool = (/** @type {string[]} */ args) => {
    const result = spawnSync('keytool', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`keytool failed: ${result.stderr || result.error}`);
  };
  keytool(['-genkeypair', '-alias', CERTIFICATE_ALIAS, '-keyalg', 'RSA', '-keysize', '2048', '-validity', '2',
    '-dname', 'CN=localhost', '-ext', 'SAN=dns:localhost,ip:127.0.0.1', '-storetype', 'PKCS12',
    '-keystore', keystore, '-storepass', password, '-keypass', password]);
  keytool(['-exportcert', '-rfc', '-alias', CERTIFICATE_ALIAS, '-keystore', keystore, '-storepass', password, '-file', pem]);
  return { keystore, password, certificate: readFileSync(pem, 'utf8') };
}

/** @returns {Promise<number>} a port free on 127.0.0.1 now */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolvePort(port));
    });
  });
}

/** @param {string} jdbc e.g. jdbc:postgresql://127.0.0.1:5432/chat_e2e */
function parseJdbcUrl(jdbc) {
  const match = /^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\/([^?]+)/.exec(jdbc);
  if (!match) throw new Error(`E2E_DB_URL must look like jdbc:postgresql://HOST:PORT/DATABASE, not ${jdbc}`);
  return { jdbc, host: match[1], port: match[2] ?? '5432', database: match[3] };
}
