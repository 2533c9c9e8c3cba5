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

module.exports = { open, withStore };
