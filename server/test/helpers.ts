import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnv } from '../src/env.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { startServer, type RunningServer } from '../src/main.ts';
import { DEMO_PASSWORD } from '../src/seed/users.ts';
import { demoTotpSecret, freshDemoTotpCode } from '../src/seed/demo-totp.ts';
import { totpCode } from '../src/services/totp.ts';

export { DEMO_PASSWORD };

export interface TestServer extends RunningServer {
  dataDir: string;
  origin: string;
  stop(): Promise<void>;
}

/** A real server on a real SQLite file in a fresh temporary directory. */
export async function startTestServer(vars: Record<string, string> = {}, log: Logger = createLogger('silent')): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-test-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    SEED_DOSSIERS: '0',
    SEED_CITIZENS: '20',
    LOG_LEVEL: 'silent',
    PUBLIC_ORIGIN: 'http://icaro.test',
    WEB_DIR: path.join(dataDir, 'no-web'),
    ...vars,
  });
  const running = await startServer(env, log);
  inProcess.set(running.url, running);
  return {
    ...running,
    dataDir,
    origin: 'http://icaro.test',
    async stop() {
      inProcess.delete(running.url);
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The servers this process runs, by URL: the client below reaches their database for one thing (login). */
const inProcess = new Map<string, RunningServer>();

export interface TrpcResult<T = unknown> {
  status: number;
  data?: T;
  error?: { message: string; code: number; data: { code: string; httpStatus: number } };
  headers: Headers;
}

/** A tiny client speaking tRPC's HTTP shape, with a cookie jar, as a browser would. */
export class TestClient {
  cookie = '';
  constructor(
    readonly base: string,
    readonly origin: string | null,
  ) {}

  async mutation<T = unknown>(procedure: string, input?: unknown, headers: Record<string, string> = {}): Promise<TrpcResult<T>> {
    const res = await fetch(`${this.base}/trpc/${procedure}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.origin ? { origin: this.origin, 'sec-fetch-site': 'same-origin' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
    return this.read<T>(res);
  }

  async query<T = unknown>(procedure: string, input?: unknown): Promise<TrpcResult<T>> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await fetch(`${this.base}/trpc/${procedure}${qs}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    return this.read<T>(res);
  }

  /** Both steps for staff: the password, then a code of the demo authenticator (seed/demo-totp.ts). */
  async login(username: string, password = DEMO_PASSWORD): Promise<TrpcResult> {
    const first = await this.mutation<{ secondFactor: { ticket: string; enrol: { secret: string } | null } | null }>('auth.login', { username, password });
    const second = first.data?.secondFactor;
    if (!second) return first;
    const account = username.trim().toLowerCase();
    const local = inProcess.get(this.base);
    if (local && !second.enrol) {
      // Tests sign the same person in many times a minute; a real authenticator gives one
      // code per 30 s and the server accepts each once (auth.test.ts tests that). Here the
      // last used step is forgotten first, as if the next code had come.
      local.app.db.$client.prepare('update user_totp set last_step = 0 where user_id = (select id from users where username = ?)').run(account);
    }
    const code = second.enrol
      ? totpCode(second.enrol.secret, Date.now())
      : local
        ? totpCode(demoTotpSecret(account), Date.now())
        : await freshDemoTotpCode(this.base, account);
    return this.mutation('auth.secondFactor', { ticket: second.ticket, code });
  }

  private async read<T>(res: Response): Promise<TrpcResult<T>> {
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!.endsWith('=') ? '' : setCookie.split(';')[0]!;
    const body = (await res.json()) as { result?: { data: T }; error?: TrpcResult['error'] };
    return { status: res.status, data: body.result?.data, error: body.error, headers: res.headers };
  }
}
