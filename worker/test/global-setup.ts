import type { TestProject } from 'vitest/node';
import { startSourceReplayServer } from '../sources/replay-server.ts';
import { startOpenAiServer } from './openai-server.ts';
import { startHeyGenServer } from './heygen-server.ts';

// Also declared in worker/test/env.d.ts for the tests inside workerd; this file is
// type-checked with the Node-side programs.
declare module 'vitest' {
  export interface ProvidedContext {
    sourceReplayUrl: string;
    openaiUrl: string;
    heygenUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startSourceReplayServer();
  project.provide('sourceReplayUrl', server.url);
  // Unref'd (see openai-server.ts), so it needs no teardown of its own.
  project.provide('openaiUrl', (await startOpenAiServer()).url);
  const heygen = await startHeyGenServer();
  project.provide('heygenUrl', heygen.url);
  return async () => {
    await heygen.close();
    await server.close();
  };
}
