import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection';
import { settingOnce } from '../db/alerts';
import type { Config } from '../config';

/**
 * The alerts master key: ALERTS_SECRET, else a random key generated on first use and kept in the
 * database (so links keep working across restarts and between the web app and the CLI).
 */
function masterKey(db: Db, config: Config): string {
	return config.ALERTS_SECRET ?? settingOnce(db, 'alerts_secret', randomBytes(32).toString('hex'));
}

/** A key for one use, derived from the master key, so a token key never doubles as a digest key. */
export function derivedKey(db: Db, config: Config, purpose: 'tokens' | 'digests'): Buffer {
	return createHmac('sha256', masterKey(db, config)).update(`rankdrift-alerts:${purpose}`).digest();
}

/** A stable, keyed digest of an address, URL or client IP: lets us count and group without storing them. */
export function keyedDigest(db: Db, config: Config, value: string): string {
	return createHmac('sha256', derivedKey(db, config, 'digests')).update(value).digest('base64url').slice(0, 32);
}
