'use strict';
// End-to-end durability: acknowledged writes survive SIGKILL, and a torn
// journal tail is dropped on startup.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');
const { Int32, Long, Decimal128 } = require('bson');
const wire = require('../lib/wire');

const SERVER = path.join(__dirname, '..', 'server.js');

function start(dbpath) {
  const child = spawn(process.execPath, [SERVER, '--port', '0', '--dbpath', dbpath], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (line) => {
      const port = Number(/listening on [\d.]+:(\d+)/.exec(String(line))[1]);
      resolve({ child, port });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Minimal OP_MSG client: one command at a time. */
function connect(port) {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let waiter = null;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const { messages, rest } = wire.splitMessages(buffer, 64 * 1024 * 1024);
    buffer = rest;
    for (const m of messages) waiter(wire.parseMessage(m).body);
  });
  let id = 1;
  return {
    run: (cmd) => new Promise((resolve) => {
      waiter = resolve;
      socket.write(wire.encodeOpMsg(id++, 0, cmd));
    }),
    close: () => socket.destroy(),
  };
}

const exited = (child) => new Promise((resolve) => child.once('exit', resolve));

test('acknowledged writes survive SIGKILL; a torn tail is dropped', async () => {
  const dbpath = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'));
  try {
    let { child, port } = await start(dbpath);
    let client = connect(port);
    const docs = Array.from({ length: 50 }, (_, i) => ({ _id: new Int32(i), qty: Long.fromNumber(10), price: Decimal128.fromString('1.10') }));
    assert.equal((await client.run({ insert: 'items', documents: docs, $db: 'shop' })).n.value, 50);
    await client.run({ createIndexes: 'items', indexes: [{ key: { qty: new Int32(1) }, name: 'qty_1' }], $db: 'shop' });
    const upd = await client.run({ update: 'items', updates: [{ q: { _id: new Int32(3) }, u: { $inc: { qty: new Int32(-4) } } }], $db: 'shop' });
    assert.equal(upd.nModified.value, 1);
    client.close();
    child.kill('SIGKILL');
    await exited(child);

    // Simulate a write torn by the crash: garbage after the last full record.
    fs.appendFileSync(path.join(dbpath, 'shop.journal'), Buffer.from([200, 0, 0, 0, 1, 2, 3]));

    ({ child, port } = await start(dbpath));
    client = connect(port);
    const found = await client.run({ find: 'items', filter: {}, sort: { _id: new Int32(1) }, batchSize: new Int32(100), $db: 'shop' });
    const batch = found.cursor.firstBatch;
    assert.equal(batch.length, 50);
    assert.equal(batch[3].qty._bsontype, 'Long');
    assert.equal(batch[3].qty.toString(), '6');
    assert.equal(batch[0].price.toString(), '1.10');
    const indexes = await client.run({ listIndexes: 'items', $db: 'shop' });
    assert.deepEqual(indexes.cursor.firstBatch.map((i) => i.name), ['_id_', 'qty_1']);
    client.close();
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
  } finally {
    fs.rmSync(dbpath, { recursive: true, force: true });
  }
});
