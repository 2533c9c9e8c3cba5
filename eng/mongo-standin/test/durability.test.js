'use strict';
// End-to-end durability: acknowledged writes survive SIGKILL, and a torn
// journal tail is dropped on startup; write concerns over the wire.
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

/**
 * OP_MSG client that pipelines: `send` writes a command without waiting and
 * returns its request id; `onReply(requestId, body)` sees every reply, in the
 * order the server sends them. `moreToCome` sets OP_MSG's flag (w: 0).
 */
function pipelined(port, onReply) {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const { messages, rest } = wire.splitMessages(buffer, 64 * 1024 * 1024);
    buffer = rest;
    for (const m of messages) {
      const reply = wire.parseMessage(m);
      onReply(reply.responseTo, reply.body);
    }
  });
  socket.on('error', () => {}); // the server is killed under it
  let id = 1;
  return {
    send: (cmd, { moreToCome = false } = {}) => {
      const bytes = wire.encodeOpMsg(id, 0, cmd);
      if (moreToCome) bytes.writeUInt32LE(2, 16); // flagBits: moreToCome
      socket.write(bytes);
      return id++;
    },
    close: () => socket.destroy(),
  };
}

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

test('j: true writes acknowledged right before a SIGKILL survive it', async () => {
  const dbpath = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'));
  try {
    let { child, port } = await start(dbpath);
    const dead = exited(child);
    // 8 connections, each sending its next insert as soon as the previous one
    // is acknowledged: when the kill lands, other connections' inserts are
    // applied in memory and waiting for their sync, or still on the way.
    const acknowledged = [];
    const clients = [];
    let sentCount = 0;
    let killed = false;
    for (let c = 0; c < 8; c++) {
      let next = 0;
      const sent = new Map();
      const send = () => {
        const _id = new Int32(c * 100000 + next);
        const writeConcern = next++ % 2 ? { w: 'majority', j: true } : { w: new Int32(1), j: true, wtimeout: new Int32(1000) };
        sent.set(client.send({ insert: 'items', documents: [{ _id, c: new Int32(c) }], writeConcern, $db: 'shop' }), _id.value);
        sentCount++;
      };
      const client = pipelined(port, (requestId, reply) => {
        if (killed) return;
        assert.equal(reply.ok.value, 1, JSON.stringify(reply));
        acknowledged.push(sent.get(requestId));
        if (acknowledged.length === 400) {
          killed = true;
          child.kill('SIGKILL'); // synchronously, on receipt of the 400th acknowledgement
          return;
        }
        send();
      });
      clients.push(client);
      send();
    }
    await dead;
    for (const client of clients) client.close();
    assert.equal(acknowledged.length, 400);

    ({ child, port } = await start(dbpath));
    const client = connect(port);
    const found = await client.run({ find: 'items', filter: {}, batchSize: new Int32(100000), $db: 'shop' });
    const stored = new Set(found.cursor.firstBatch.map((d) => d._id.value));
    for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged insert ${id} was lost`);
    assert.ok(stored.size <= sentCount);
    client.close();
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
  } finally {
    fs.rmSync(dbpath, { recursive: true, force: true });
  }
});

test('over the wire: w: 0 with moreToCome gets no reply; w: 2 and a tag get mongod\'s errors', async () => {
  const dbpath = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'));
  try {
    const { child, port } = await start(dbpath);
    const replies = [];
    let nextReply;
    const client = pipelined(port, (requestId, body) => {
      replies.push(requestId);
      nextReply(body);
    });
    const run = (cmd) => new Promise((resolve) => {
      nextReply = resolve;
      client.send(cmd);
    });

    // Unacknowledged: no reply of its own; the next command on the connection sees it.
    const unacknowledged = client.send({ insert: 'items', documents: [{ _id: new Int32(1) }], writeConcern: { w: new Int32(0) }, $db: 'shop' }, { moreToCome: true });
    const found = await run({ find: 'items', filter: {}, $db: 'shop' });
    assert.deepEqual(found.cursor.firstBatch.map((d) => d._id.value), [1]);
    assert.equal(replies.includes(unacknowledged), false);

    const w2 = await run({ insert: 'items', documents: [{ _id: new Int32(2) }], writeConcern: { w: new Int32(2) }, $db: 'shop' });
    assert.deepEqual([w2.ok.value, w2.code.value, w2.codeName, w2.errmsg], [0, 2, 'BadValue', "cannot use 'w' > 1 when a host is not replicated"]);
    const tag = await run({ update: 'items', updates: [{ q: {}, u: { $set: { a: new Int32(1) } } }], writeConcern: { w: 'dc-east', j: true }, $db: 'shop' });
    assert.deepEqual([tag.ok.value, tag.code.value, tag.codeName], [0, 2, 'BadValue']);
    assert.equal(tag.errmsg, 'cannot use non-majority \'w\' mode "dc-east" when a host is not a member of a replica set');
    const majority = await run({ insert: 'items', documents: [{ _id: new Int32(3) }], writeConcern: { w: 'majority', j: true }, $db: 'shop' });
    assert.equal(majority.n.value, 1);
    const after = await run({ find: 'items', filter: {}, $db: 'shop' });
    assert.deepEqual(after.cursor.firstBatch.map((d) => [d._id.value, d.a]), [[1, undefined], [3, undefined]]);

    client.close();
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
  } finally {
    fs.rmSync(dbpath, { recursive: true, force: true });
  }
});
