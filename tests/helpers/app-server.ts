import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from './paths';

export interface AppServer {
	url: string;
	process: ChildProcess;
	output: () => string;
	stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

/** The built dashboard (`build/index.js`, as `npm start` runs it) on a free port, against the given database. */
export async function startAppServer(dbPath: string, env: NodeJS.ProcessEnv = {}): Promise<AppServer> {
	const entry = join(projectRoot, 'build', 'index.js');
	if (!existsSync(entry)) throw new Error('the app is not built: run `npm run build` (npm test does it first)');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, [entry], {
		cwd: projectRoot,
		env: { ...process.env, RANKDRIFT_DB: dbPath, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, RANKDRIFT_SCHEDULER: 'off', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the app exited early:\n${output}`);
		try {
			const res = await fetch(`${url}/sources`);
			if (res.status < 500) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`the app did not start within 20 s:\n${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		process: child,
		output: () => output,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
