import { Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { projectRoot } from './paths';

class Capture extends Writable {
	text = '';
	isTTY = false;
	override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
		this.text += chunk.toString();
		done();
	}
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** The CLI in-process: the same command code as the binary, with output captured. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, now?: () => Date): Promise<CliResult> {
	const stdout = new Capture();
	const stderr = new Capture();
	const code = await runCli(args, { stdout, stderr, env: { ...env }, now: now ?? (() => new Date()) });
	return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The real `bin/rankdrift.js` in a child process. */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(projectRoot, 'bin', 'rankdrift.js'), ...args], {
			cwd: projectRoot,
			env: { ...process.env, ...env }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
	});
}
