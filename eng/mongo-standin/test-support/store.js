'use strict';
// What the command-level tests share: a store on a temporary folder, driven the way the server drives it.
const fs = require('fs');
const os = require('os');
const path = require('path');
const wire = require('../lib/wire');
const { execute } = require('../lib/commands');
const { Store } = require('../lib/storage');
const { Committer } = require('../lib/journal');
const { Cursors } = require('../lib/cursors');

/** A store on dbpath; `run` sends a command through BSON, as the server would. */
function open(dbpath) {
  const committer = new Committer((err) => { throw err; });
  const store = new Store(dbpath, committer);
  store.open(() => {});
  const cursors = new Cursors();
  const ctx = { store, cursors, dbName: 'shop', db: (create) => store.db('shop', create) };
  const run = (cmd) => execute(ctx, wire.decode(wire.encode(cmd)));
  const close = async () => {
    await committer.drain();
    cursors.close();
    store.close();
  };
  return { run, close, store, committer };
}

/** Runs fn with a fresh temporary folder, removed afterwards. */
async function withStore(fn) {
  const dbpath = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-test-'));
  try {
    await fn(dbpath);
  } finally {
    fs.rmSync(dbpath, { recursive: true, force: true });
  }
}

/**
 * CPU of the process per command, over `count` commands sent by `send(i)`, with a group commit every 16 as under load
 * (what the bench scripts measure).
 */
async function cpuPerCommand(committer, count, send) {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    send(i);
    if (i % 16 === 15) await committer.drain();
  }
  await committer.drain();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / count;
}

module.exports = { open, withStore, cpuPerCommand };
