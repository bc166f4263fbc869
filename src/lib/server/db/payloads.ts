import { createHash } from 'node:crypto';
import { gzipSync, gunzipSync } from 'node:zlib';
import type { Db } from './connection';
import { stmt } from './statements';

/** Raw bytes made ready for the payload store: their hash, size and gzip (a fast level: kept for the record, rarely read). */
export interface PackedPayload {
	sha256: string;
	size: number;
	gzip: Uint8Array;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const gzipOf = (bytes: Uint8Array) => gzipSync(bytes, { level: 1 });

/** Packs bytes off the writing thread (an import's parse worker does this beside the parse). */
export function packPayload(bytes: Uint8Array): PackedPayload {
	return { sha256: sha256Of(bytes), size: bytes.byteLength, gzip: gzipOf(bytes) };
}

function insertPayload(db: Db, sha256: string, size: number, gzip: () => Uint8Array, mediaType: string | null, now: Date): number {
	const existing = stmt(db, 'SELECT id FROM payloads WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
	if (existing) return existing.id;
	const info = stmt(db, 'INSERT INTO payloads (sha256, media_type, bytes, gzip, created_at) VALUES (?, ?, ?, ?, ?)').run(
		sha256,
		mediaType,
		size,
		gzip(),
		now.toISOString()
	);
	return Number(info.lastInsertRowid);
}

/** Keeps raw bytes so a snapshot can be re-parsed when a parser is fixed; identical bytes are stored once (and not compressed again). */
export function storePayload(db: Db, bytes: Uint8Array, mediaType: string | null, now: Date): number {
	return insertPayload(db, sha256Of(bytes), bytes.byteLength, () => gzipOf(bytes), mediaType, now);
}

/** `storePayload` for bytes already packed. */
export function storePackedPayload(db: Db, packed: PackedPayload, mediaType: string | null, now: Date): number {
	// A Uint8Array that crossed from a worker is no longer a Buffer; SQLite binds a Buffer as a blob.
	const gzip = Buffer.isBuffer(packed.gzip) ? packed.gzip : Buffer.from(packed.gzip.buffer, packed.gzip.byteOffset, packed.gzip.byteLength);
	return insertPayload(db, packed.sha256, packed.size, () => gzip, mediaType, now);
}

export function readPayload(db: Db, id: number): { bytes: Buffer; mediaType: string | null; sha256: string } | null {
	const row = stmt(db, 'SELECT gzip, media_type, sha256 FROM payloads WHERE id = ?').get(id) as
		| { gzip: Buffer; media_type: string | null; sha256: string }
		| undefined;
	return row ? { bytes: gunzipSync(row.gzip), mediaType: row.media_type, sha256: row.sha256 } : null;
}
