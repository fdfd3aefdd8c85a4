import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbCacheStorage, MemoryCacheStorage } from '../lib/chat-client/cache-storage.js';

/** The message cache's storage: IndexedDB (fake-indexeddb here) and memory behave alike. */

/** @param {number} conversationId @param {number} seq @param {string} [content] */
function record(conversationId, seq, content = 'hi') {
  const messages = [{ id: seq, conversationId, seq, senderId: 'bob', content, createdAt: '2025-01-01T00:00:00Z', clientMessageId: null, rev: seq }];
  return { conversationId, seq, rev: seq, messages };
}

const conversation = { id: 12, type: 'direct', title: null, lastSeq: 1, lastReadSeq: 0, unreadCount: 1, participants: [] };

describe.each([
  ['memory', () => new MemoryCacheStorage()],
  ['IndexedDB', () => new IndexedDbCacheStorage({ indexedDB: new IDBFactory() })]
])('cache storage in %s', (_, create) => {
  it('reads back what was written: records by conversation, and the list', async () => {
    const storage = create();
    await storage.write('alice', { put: [record(14, 1), record(12, 3)], remove: [], conversations: [conversation] });
    expect(await storage.load('alice')).toEqual({ records: [record(12, 3), record(14, 1)], conversations: [conversation] });
  });

  it('has nothing for a user who never wrote', async () => {
    expect(await create().load('nobody')).toEqual({ records: [], conversations: null });
  });

  it('replaces a record, removes one, and keeps the list when a write brings none', async () => {
    const storage = create();
    await storage.write('alice', { put: [record(12, 1), record(14, 1)], remove: [], conversations: [conversation] });
    await storage.write('alice', { put: [record(12, 2, 'newer')], remove: [14] });
    expect(await storage.load('alice')).toEqual({ records: [record(12, 2, 'newer')], conversations: [conversation] });
  });

  it("keeps users apart: one user's records are not another's, and clearing one leaves the other", async () => {
    const storage = create();
    await storage.write('alice', { put: [record(12, 1, 'for alice')], remove: [], conversations: [conversation] });
    await storage.write('bob', { put: [record(12, 5, 'for bob')], remove: [] });
    expect((await storage.load('bob')).records).toEqual([record(12, 5, 'for bob')]);
    expect((await storage.load('bob')).conversations).toBeNull();
    await storage.clear('alice');
    expect(await storage.load('alice')).toEqual({ records: [], conversations: null });
    expect((await storage.load('bob')).records).toEqual([record(12, 5, 'for bob')]);
  });

  it('keeps copies: changing an object after writing it changes nothing stored', async () => {
    const storage = create();
    const written = record(12, 1, 'as written');
    await storage.write('alice', { put: [written], remove: [] });
    written.messages[0].content = 'changed afterwards';
    expect((await storage.load('alice')).records[0].messages[0].content).toBe('as written');
  });
});
