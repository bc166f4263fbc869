#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the command always matches the source it ships with.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
