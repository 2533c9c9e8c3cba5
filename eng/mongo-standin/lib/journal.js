'use strict';
// Append-only journal, one file per database.
//
// Record framing: uint32 LE payload length, uint32 LE CRC-32 of the payload,
// payload = one BSON document. A torn tail (short record or CRC mismatch,
// e.g. after SIGKILL or power loss mid-write) ends the replay; everything
// before it was fsync'ed before any client saw an acknowledgement.
//
// Group commit: commands execute synchronously in memory and append their
// records to an in-memory buffer. Replies are held in the Committer until the
// buffers that were pending when they were produced have been written and
// fdatasync'ed, so one write + one fdatasync covers every command of an
// event-loop turn (and everything that arrives while a sync is in flight).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const wire = require('./wire');

const HEADER = 8;
// fs is looked up on every call, not bound once, so that a test can hold a sync.
const write = (fd, buffer) => new Promise((resolve, reject) => {
  fs.write(fd, buffer, 0, buffer.length, null, (e, written) => (e ? reject(e) : resolve(written)));
});
const fdatasync = (fd) => new Promise((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
// A blocking rewrite writes in large buffers; one in the background frames about 2 ms of work between other commands.
const REWRITE_CHUNK = 4 * 1024 * 1024;
const BACKGROUND_CHUNK = 128 * 1024;

function frame(record) {
  const payload = wire.encode(record);
  const head = Buffer.alloc(HEADER);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(zlib.crc32(payload), 4);
  return [head, payload];
}

/** Reads every intact record; reports where the valid prefix ends. */
function readRecords(file) {
  const buf = fs.readFileSync(file);
  const records = [];
  let offset = 0;
  while (buf.length - offset >= HEADER) {
    const length = buf.readUInt32LE(offset);
    const crc = buf.readUInt32LE(offset + 4);
    if (length < 5 || offset + HEADER + length > buf.length) break;
    const payload = buf.subarray(offset + HEADER, offset + HEADER + length);
    if (zlib.crc32(payload) !== crc) break;
    records.push(wire.decode(payload));
    offset += HEADER + length;
  }
  return { records, validBytes: offset, totalBytes: buf.length };
}

function fsyncDir(dir) {
  const fd = fs.openSync(dir, 'r');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

/** The framed records in buffers of about `limit` bytes. */
function* chunks(records, limit) {
  let parts = [];
  let size = 0;
  for (const record of records) {
    for (const part of frame(record)) { parts.push(part); size += part.length; }
    if (size > limit) {
      yield Buffer.concat(parts);
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield Buffer.concat(parts);
}

class Journal {
  constructor(file, committer) {
    this.file = file;
    this.committer = committer;
    this.pending = [];
    this.size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    this.fd = fs.openSync(file, 'a');
    if (this.size === 0) fsyncDir(path.dirname(file)); // make the new file's directory entry durable
    this.compactedSize = this.size;
    this.writeChain = Promise.resolve();
    this.inFlight = 0; // writes/syncs not yet completed
    this.retired = []; // fds replaced by a compaction, closed once nothing is in flight
    this.compaction = null; // { tail, aborted } while a compaction runs in the background
  }

  append(record) {
    const parts = frame(record);
    this.pending.push(...parts);
    if (this.compaction) this.compaction.tail.push(...parts);
    this.committer.markDirty(this);
  }

  /**
   * Writes everything appended so far, then fdatasyncs. Writes are chained so
   * they reach the file in append order; syncs may overlap, which lets a new
   * group start while the previous one is still waiting for the disk.
   */
  flush() {
    if (!this.pending.length) return this.writeChain;
    const chunk = Buffer.concat(this.pending);
    this.pending = [];
    const fd = this.fd;
    this.writeChain = this.writeChain.then(() => write(fd, chunk));
    this.size += chunk.length;
    this.inFlight++;
    return this.writeChain
      .then(() => fdatasync(fd))
      .finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) this.closeRetired();
      });
  }

  /** Log grew well beyond the data it describes, and no compaction is running. */
  wantsCompaction() {
    return !this.compaction && this.size > 64 * 1024 * 1024 && this.size > 4 * this.compactedSize;
  }

  /**
   * Atomically replaces the file with `records` (a snapshot of current state), blocking: for start-up, before
   * any client is served. The snapshot already reflects every pending record, so those are dropped.
   */
  rewrite(records) {
    const tmp = this.file + '.tmp';
    const fd = fs.openSync(tmp, 'w');
    let size = 0;
    try {
      for (const chunk of chunks(records, REWRITE_CHUNK)) size += fs.writeSync(fd, chunk);
      fs.fsyncSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
    this.pending = [];
    this.install(tmp, fd, size);
  }

  /**
   * The same replacement while the server goes on serving: a compaction of a large journal took hundreds of
   * milliseconds, during which no command was answered. `records` must be the snapshot as of this call (its
   * documents are never changed in place, only replaced). It is written in chunks between other work; every
   * record appended meanwhile goes to the old file as always and is also kept, then written after the snapshot.
   * The old file stays the journal until the new one holds all of it and is synced: the switch then takes one
   * short synchronous step. The new file is the state as of this call followed by every change since, in order,
   * so it replays to the same state as the old one.
   */
  async compactInBackground(records) {
    const tmp = this.file + '.tmp';
    const compaction = { tail: [], aborted: false };
    this.compaction = compaction;
    const fd = fs.openSync(tmp, 'w');
    let size = 0;
    let switching = false; // from then on the temporary file is install's to rename or leave
    try {
      for (const chunk of chunks(records, BACKGROUND_CHUNK)) {
        size += await write(fd, chunk);
        await new Promise(setImmediate);
        if (compaction.aborted) return;
      }
      // What was appended while the snapshot was written; what comes during this write and the sync waits for the switch.
      if (compaction.tail.length) size += await write(fd, Buffer.concat(compaction.tail.splice(0)));
      await fdatasync(fd);
      if (compaction.aborted) return;
      // The switch: what was appended since the last tail write, one sync, the rename.
      if (compaction.tail.length) size += fs.writeSync(fd, Buffer.concat(compaction.tail));
      fs.fdatasyncSync(fd);
      // Pending records are in the synced new file already: the next flush has nothing to write.
      this.pending = [];
      switching = true;
      this.install(tmp, fd, size);
    } finally {
      this.compaction = null;
      if (!switching) {
        fs.closeSync(fd);
        fs.rmSync(tmp, { force: true });
      }
    }
  }

  /** Makes the synced temporary file the journal; the old fd is closed once no write or sync uses it. */
  install(tmp, fd, size) {
    fs.renameSync(tmp, this.file);
    fsyncDir(path.dirname(this.file));
    fs.closeSync(fd);
    this.retired.push(this.fd);
    this.fd = fs.openSync(this.file, 'a');
    if (this.inFlight === 0) this.closeRetired();
    this.size = size;
    this.compactedSize = size;
  }

  closeRetired() {
    for (const fd of this.retired.splice(0)) fs.closeSync(fd);
  }

  close() {
    if (this.compaction) this.compaction.aborted = true;
    this.closeRetired();
    fs.closeSync(this.fd);
  }

  /** Deletes the file (database dropped and compacted away). */
  remove() {
    this.close();
    fs.rmSync(this.file, { force: true });
    fsyncDir(path.dirname(this.file));
  }
}

class Committer {
  constructor(onError) {
    this.dirty = new Set();
    this.waiting = [];
    this.scheduled = false;
    this.inFlight = 0; // groups whose sync has not completed yet
    this.nextGroup = 0;
    this.groups = new Map(); // group number -> { done, replies }
    this.released = 0; // replies of groups below this number have been sent
    this.onError = onError;
    this.afterFlush = () => {};
  }

  markDirty(journal) {
    this.dirty.add(journal);
    this.schedule();
  }

  /**
   * Runs `send` once every record appended before this call has been written
   * and fdatasync'ed (all groups up to and including the one that will carry
   * them have completed). This is what makes a reply a journaled
   * acknowledgement (writeConcern j: true). Replies that depend on no pending
   * write go out immediately.
   */
  whenDurable(send) {
    if (this.inFlight === 0 && this.dirty.size === 0) {
      send();
      return;
    }
    this.waiting.push(send);
    this.schedule();
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.startGroup());
  }

  /** Starts one commit group: everything appended and every reply queued since the last one. */
  startGroup() {
    this.scheduled = false;
    const journals = [...this.dirty];
    const group = { done: false, replies: this.waiting };
    const number = this.nextGroup++;
    this.dirty.clear();
    this.waiting = [];
    this.groups.set(number, group);
    this.inFlight++;
    Promise.all(journals.map((j) => j.flush())).then(
      () => {
        group.done = true;
        this.inFlight--;
        this.release();
        this.afterFlush(journals);
      },
      (err) => this.onError(err), // acknowledging writes that are not on disk would break the promise
    );
  }

  /** Sends replies group by group, in commit order. */
  release() {
    while (this.groups.has(this.released) && this.groups.get(this.released).done) {
      for (const send of this.groups.get(this.released).replies) send();
      this.groups.delete(this.released);
      this.released++;
    }
  }

  /** Resolves once nothing is pending (used at shutdown). */
  async drain() {
    while (this.scheduled || this.inFlight || this.dirty.size || this.waiting.length) {
      if (!this.scheduled && (this.dirty.size || this.waiting.length)) this.startGroup();
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

module.exports = { Journal, Committer, readRecords };
