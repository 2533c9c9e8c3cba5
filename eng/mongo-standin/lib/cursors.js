'use strict';
// Server-side cursors. Results are materialised when the cursor is opened
// (a snapshot), then handed out in batches by getMore.
const crypto = require('crypto');
const { Long } = require('bson');
const { MongoError } = require('./errors');
const { calculateObjectSize } = require('bson').BSON;

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

class Cursors {
  constructor() {
    this.open = new Map(); // id string -> { id, ns, docs, pos, touched }
    this.sweeper = setInterval(() => this.sweep(), 60 * 1000).unref();
  }

  takeBatch(cursor, batchSize) {
    const batch = [];
    let bytes = 0;
    while (cursor.pos < cursor.docs.length && (!batchSize || batch.length < batchSize)) {
      const doc = cursor.docs[cursor.pos];
      // The first document always goes out, so sizes matter only from the second on.
      if (batch.length === 1) bytes = calculateObjectSize(batch[0]);
      if (batch.length) {
        bytes += calculateObjectSize(doc);
        if (bytes > MAX_BATCH_BYTES) break;
      }
      batch.push(doc);
      cursor.pos++;
    }
    return batch;
  }

  /** Cursor reply for a fresh result set; registers a cursor only if more remains. */
  first(ns, docs, { batchSize, singleBatch } = {}) {
    const cursor = { ns, docs, pos: 0, touched: Date.now() };
    const firstBatch = this.takeBatch(cursor, batchSize === undefined ? DEFAULT_FIRST_BATCH : batchSize);
    let id = Long.ZERO;
    if (!singleBatch && cursor.pos < docs.length) {
      id = Long.fromBigInt(BigInt.asUintN(62, crypto.randomBytes(8).readBigUInt64LE()) + 1n);
      cursor.id = id;
      this.open.set(id.toString(), cursor);
    }
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  }

  more(id, ns, batchSize) {
    const cursor = this.open.get(String(id));
    if (!cursor || cursor.ns !== ns) throw new MongoError(43, `cursor id ${id} not found`);
    cursor.touched = Date.now();
    const nextBatch = this.takeBatch(cursor, batchSize);
    const exhausted = cursor.pos >= cursor.docs.length;
    if (exhausted) this.open.delete(String(id));
    return { cursor: { nextBatch, id: exhausted ? Long.ZERO : cursor.id, ns }, ok: 1 };
  }

  kill(ids) {
    const killed = [];
    const notFound = [];
    for (const id of ids) (this.open.delete(String(id)) ? killed : notFound).push(id);
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  sweep() {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [key, c] of this.open) if (c.touched < cutoff) this.open.delete(key);
  }

  close() {
    clearInterval(this.sweeper);
  }
}

module.exports = { Cursors };
