import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/app-server';
import { projectRoot } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';

let t: TempDb;
beforeAll(() => {
	t = tempDb();
	t.db.close();
});
afterAll(() => t.cleanup());

async function serve(env: NodeJS.ProcessEnv) {
	const port = await freePort();
	const child = spawn(process.execPath, [join(projectRoot, 'bin/rankdrift.js'), 'serve', '--db', t.path], {
		cwd: projectRoot,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/sources`)).status === 200) break;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return { port, child, exited, output: () => output };
}

describe('rankdrift serve', () => {
	it('serves the dashboard and runs the scheduler in one process, and stops cleanly on SIGTERM', async () => {
		const s = await serve({});
		expect((await fetch(`http://127.0.0.1:${s.port}/`)).status).toBe(200);
		expect(s.output()).toMatch(/"msg":"source scheduled","source":"lmarena-text"/);
		expect(s.output()).toMatch(/"msg":"source not scheduled","source":"yupp","reason":"retired since 2026-04-15/);
		// A dataset read starts the read workers; stopping must end them, not wait for them to retire idle (a minute).
		expect((await fetch(`http://127.0.0.1:${s.port}/api/events`)).status).toBe(200);
		s.child.kill('SIGTERM');
		const lingering = new Promise<'still running'>((r) => setTimeout(() => r('still running'), 20_000).unref());
		expect(await Promise.race([s.exited, lingering])).toBe(0);
	});

	it('refuses a bad configuration before it listens: one line listing every problem, exit 1', async () => {
		const child = spawn(process.execPath, [join(projectRoot, 'bin/rankdrift.js'), 'serve', '--db', t.path], {
			cwd: projectRoot,
			env: { ...process.env, SMTP_URL: 'http://mail.example', RANKDRIFT_SCHEDULE_LMARENA_TEXT: 'nope' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		expect(await new Promise((r) => child.on('exit', r))).toBe(1);
		expect(stderr).toBe(
			'rankdrift serve: invalid configuration: SMTP_URL: must be an smtp:// or smtps:// URL; RANKDRIFT_SCHEDULE_LMARENA_TEXT: "nope" is not a valid cron expression\n'
		);
	});

	it('RANKDRIFT_SCHEDULER=off serves without scheduling', async () => {
		const s = await serve({ RANKDRIFT_SCHEDULER: 'off' });
		expect((await fetch(`http://127.0.0.1:${s.port}/sources`)).status).toBe(200);
		expect(s.output()).toMatch(/scheduler off/);
		expect(s.output()).not.toMatch(/source scheduled/);
		s.child.kill('SIGTERM');
		expect(await s.exited).toBe(0);
	});
});
