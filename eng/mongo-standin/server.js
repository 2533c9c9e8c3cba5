#!/usr/bin/env node
'use strict';
// MicroShop's MongoDB wire-protocol stand-in. See README.md.
//   node server.js --port <port> --dbpath <dir> [--bind 127.0.0.1]
const net = require('net');
const path = require('path');
const wire = require('./lib/wire');
const { execute, WIRE } = require('./lib/commands');
const { Store } = require('./lib/storage');
const { Committer } = require('./lib/journal');
const { Cursors } = require('./lib/cursors');

function parseArgs(argv) {
  const args = { port: 27017, bind: '127.0.0.1', dbpath: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--port') args.port = Number(value);
    else if (flag === '--dbpath') args.dbpath = value;
    else if (flag === '--bind' || flag === '--bind_ip') args.bind = value;
    else throw new Error(`unknown argument ${flag}`);
    i++;
  }
  if (!args.dbpath) throw new Error('--dbpath <dir> is required');
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be 0..65535');
  return args;
}

const log = (msg) => process.stderr.write(`[mongo-standin] ${msg}\n`);

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\nusage: node server.js --port <port> --dbpath <dir> [--bind 127.0.0.1]\n`);
    process.exit(2);
  }
  const committer = new Committer((err) => {
    log(`journal write failed, stopping: ${err.stack || err}`);
    process.exit(1);
  });
  const store = new Store(path.resolve(args.dbpath), committer);
  store.open(log);
  committer.afterFlush = (journals) => store.maybeCompact(journals);
  const cursors = new Cursors();
  const sockets = new Set();
  let nextConnectionId = 1;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connectionId = nextConnectionId++;
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    let pending = Buffer.alloc(0);
    let nextResponseId = 1;

    const handle = (msg) => {
      const request = wire.parseMessage(msg);
      const legacy = request.opCode === wire.OP_QUERY;
      const body = { ...request.body, ...request.sequences };
      const dbName = legacy ? request.fullCollectionName.split('.')[0] : body.$db || 'test';
      const ctx = {
        connectionId, remote, store, cursors, dbName, log,
        server: { connections: sockets.size },
        db: (create) => store.db(dbName, create),
      };
      const reply = execute(ctx, body);
      // moreToCome: an unacknowledged write (w: 0). Nothing is sent; its
      // journal records go out with the next group commit.
      if (request.moreToCome) return;
      const encode = legacy ? wire.encodeOpReply : wire.encodeOpMsg;
      const bytes = encode(nextResponseId++, request.requestId, reply);
      // The only way a reply leaves: once every journal record appended so far,
      // this command's included, is written and fdatasync'ed. So every
      // acknowledged write is journaled, whatever its write concern asked
      // (j: true needs exactly this; j: false or unset gets it too), and no
      // read returns data a crash could take back. No extra sync is needed
      // for j: true, and none is added for the default.
      committer.whenDurable(() => {
        if (!socket.destroyed) socket.write(bytes);
      });
    };

    socket.on('data', (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        const { messages, rest } = wire.splitMessages(pending, WIRE.maxMessageSizeBytes + 16 * 1024 * 1024);
        pending = rest;
        for (const msg of messages) handle(msg);
      } catch (err) {
        log(`connection ${connectionId}: protocol error, closing: ${err.message}`);
        socket.destroy();
      }
    });
    socket.on('error', () => {}); // client resets are routine; 'close' cleans up
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('error', (err) => {
    log(`cannot listen: ${err.message}`);
    process.exit(1);
  });
  server.listen(args.port, args.bind, () => {
    const { address, port } = server.address();
    process.stdout.write(`listening on ${address}:${port}\n`);
  });

  // Exiting without the final flush is always safe: a write is acknowledged
  // only after its sync, so only unacknowledged writes could be cut short.
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting for the final flush`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: flushing and stopping`);
    setTimeout(() => {
      log('final flush did not finish within 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    server.close();
    await committer.drain();
    for (const s of sockets) s.destroy();
    cursors.close();
    store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main();
