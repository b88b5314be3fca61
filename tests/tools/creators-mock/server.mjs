#!/usr/bin/env node
// Local, wire-compatible mock of the Amazon Creators API (token endpoints + catalog), for tests and
// the demo. Node 20, no dependencies. Usage and control endpoints: README.md next to this file.
//
//   node tests/tools/creators-mock/server.mjs --port 0 --pid-file F --port-file F2 [--fixtures DIR]
//     [--image-origin self]

import { createServer } from 'node:http';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createMock } from './app.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const USAGE = `usage: server.mjs [--port N] [--pid-file F] [--port-file F] [--fixtures DIR]
                  [--config FILE] [--expires-in SECONDS] [--image-origin self] [--quiet]`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'pid-file': { type: 'string' },
      'port-file': { type: 'string' },
      fixtures: { type: 'string', default: join(here, '..', '..', 'fixtures', 'creators-api') },
      config: { type: 'string' },
      'expires-in': { type: 'string' },
      'image-origin': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  process.stderr.write(`creators-mock: ${err.message}\n${USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`creators-mock: --port must be 0-65535\n`);
  process.exit(2);
}

if (args['image-origin'] !== undefined && args['image-origin'] !== 'self') {
  process.stderr.write(`creators-mock: --image-origin takes only "self"\n`);
  process.exit(2);
}

let config = {};
try {
  if (args.config) config = JSON.parse(readFileSync(args.config, 'utf8'));
  if (args['expires-in'] !== undefined) config.expiresIn = Number(args['expires-in']);
} catch (err) {
  process.stderr.write(`creators-mock: cannot read --config: ${err.message}\n`);
  process.exit(2);
}

let mock;
try {
  mock = createMock({ fixturesDir: resolve(args.fixtures), config });
} catch (err) {
  process.stderr.write(`creators-mock: ${err.message}\n`);
  process.exit(2);
}

const pidFile = args['pid-file'] && resolve(args['pid-file']);
const portFile = args['port-file'] && resolve(args['port-file']);

/** Write to a temporary name, then rename, so a reader never sees a half-written file. */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

// A stale port file from an earlier run would signal readiness too early.
if (portFile) rmSync(portFile, { force: true });
if (pidFile) writeAtomic(pidFile, `${process.pid}\n`);

const server = createServer(mock.handler);
server.keepAliveTimeout = 5000;

server.on('error', (err) => {
  process.stderr.write(`creators-mock: ${err.message}\n`);
  cleanup();
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  mock.state.info = { pid: process.pid, port: actual };
  if (args['image-origin'] === 'self') mock.state.imageOrigin = `http://127.0.0.1:${actual}`;
  if (portFile) writeAtomic(portFile, `${actual}\n`);
  if (!args.quiet) process.stdout.write(`creators-mock listening on http://127.0.0.1:${actual} (pid ${process.pid})\n`);
});

function cleanup() {
  if (portFile) rmSync(portFile, { force: true });
  if (pidFile) rmSync(pidFile, { force: true });
}

function shutdown(signal) {
  if (!args.quiet) process.stdout.write(`creators-mock: ${signal}, shutting down\n`);
  mock.stop();
  server.close();
  // Pending slow responses and keep-alive connections must not hold the exit.
  server.closeAllConnections();
  cleanup();
  process.exit(0);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
