// Starts and stops the mock as a child process, for Node test scripts (this folder's test.mjs, e2e).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'server.mjs');

/**
 * Starts `server.mjs --port 0` and waits until it has written its port file.
 * @param {{args?: string[], readyTimeoutMs?: number}} [options] extra CLI arguments
 * @returns {Promise<{url: string, port: number, pid: number, dir: string, pidFile: string,
 *   portFile: string, child: import('node:child_process').ChildProcess,
 *   stop: (signal?: NodeJS.Signals) => Promise<{code: number|null, signal: string|null}>}>}
 */
export async function startMock({ args = [], readyTimeoutMs = 5000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'creators-mock-'));
  const pidFile = join(dir, 'mock.pid');
  const portFile = join(dir, 'mock.port');
  const child = spawn(process.execPath, [SERVER, '--port', '0', '--pid-file', pidFile, '--port-file', portFile, '--quiet', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let done = false;
  exited.then(() => {
    done = true;
  });
  const deadline = Date.now() + readyTimeoutMs;
  let port = NaN;
  while (!(port > 0)) {
    if (done) throw new Error('creators mock exited before it was ready');
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('creators mock did not write its port file in time');
    }
    try {
      port = Number(readFileSync(portFile, 'utf8').trim());
    } catch {
      await sleep(20);
    }
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    dir,
    pidFile,
    portFile,
    child,
    async stop(signal = 'SIGTERM') {
      if (!done) child.kill(signal);
      const result = await exited;
      rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}
