import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
	try {
		const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
		return m ? Number(m[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** A process and all its descendants (the server, its scheduler, tsx's helper). */
export function processTree(pid: number): number[] {
	const out = [pid];
	try {
		const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
			.split('\n')
			.map((s) => Number(s.trim()))
			.filter((n) => n > 0);
		for (const c of children) out.push(...processTree(c));
	} catch {
		/* no children */
	}
	return out;
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak and the first sample. */
export function sampleRss(pid: number, everyMs = 25) {
	const first = rssMb(pid);
	let peak = first;
	const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), everyMs);
	return {
		first,
		stop() {
			clearInterval(timer);
			return { first, peak: Math.max(peak, rssMb(pid)) };
		}
	};
}
