import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json, walking up from `start` (source run through tsx, or bundled under build/). */
export function projectRoot(start: string): string | null {
	let dir = start;
	for (;;) {
		if (existsSync(join(dir, 'package.json'))) return dir;
		const up = dirname(dir);
		if (up === dir) return null;
		dir = up;
	}
}
