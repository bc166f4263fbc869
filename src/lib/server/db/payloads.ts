import { createHash } from 'node:crypto';
import { gzipSync, gunzipSync } from 'node:zlib';
import type { Db } from './connection';
import { stmt } from './statements';

/** Keeps raw bytes (gzip, a fast level: they are kept for the record, rarely read) so a snapshot can be re-parsed when a parser is fixed; identical bytes are stored once. */
export function storePayload(db: Db, bytes: Uint8Array, mediaType: string | null, now: Date): number {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const existing = stmt(db, 'SELECT id FROM payloads WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
	if (existing) return existing.id;
	const info = stmt(
		db,
		'INSERT INTO payloads (sha256, media_type, bytes, gzip, created_at) VALUES (?, ?, ?, ?, ?)'
	).run(sha256, mediaType, bytes.byteLength, gzipSync(bytes, { level: 1 }), now.toISOString());
	return Number(info.lastInsertRowid);
}

export function readPayload(db: Db, id: number): { bytes: Buffer; mediaType: string | null; sha256: string } | null {
	const row = stmt(db, 'SELECT gzip, media_type, sha256 FROM payloads WHERE id = ?').get(id) as
		| { gzip: Buffer; media_type: string | null; sha256: string }
		| undefined;
	return row ? { bytes: gunzipSync(row.gzip), mediaType: row.media_type, sha256: row.sha256 } : null;
}
