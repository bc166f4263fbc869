import type { Writable } from 'node:stream';

export interface CliIo {
	stdout: Writable & { isTTY?: boolean };
	stderr: Writable & { isTTY?: boolean };
	env: NodeJS.ProcessEnv;
	now: () => Date;
}

export interface Command {
	name: string;
	summary: string;
	/** Full --help text. */
	help: string;
	/** Returns the exit code. */
	run(argv: string[], io: CliIo): Promise<number>;
}
