import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config';

/**
 * The dashboard's admin actions (identity decisions, accepting held snapshots) need ADMIN_TOKEN. Without
 * it set they are off: the forms are shown disabled.
 */
export function adminEnabled(config: Config): boolean {
	return config.ADMIN_TOKEN !== undefined;
}

/**
 * Whether a submitted token is the admin token, in constant time: both sides are hashed first so
 * neither the length nor a matching prefix shows in the timing.
 */
export function adminTokenMatches(given: string, config: Config): boolean {
	const expected = config.ADMIN_TOKEN;
	if (!expected) return false;
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}
