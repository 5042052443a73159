import type { TestProject } from 'vitest/node';
import { startSourceReplayServer } from '../sources/replay-server.ts';

// Also declared in worker/test/env.d.ts for the tests inside workerd; this file is
// type-checked with the Node-side programs.
declare module 'vitest' {
  export interface ProvidedContext {
    sourceReplayUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startSourceReplayServer();
  project.provide('sourceReplayUrl', server.url);
  return server.close;
}
