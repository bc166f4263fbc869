import history from './0001_history';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

// Forward-only: append new files here with the next number; never edit one that has shipped.
export const migrations: Migration[] = [{ version: 1, name: 'history', sql: history }];
