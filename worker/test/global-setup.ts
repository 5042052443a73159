import type { TestProject } from 'vitest/node';
import { startSourceReplayServer } from './source-replay-server.ts';

export default async function setup(project: TestProject) {
  const server = await startSourceReplayServer();
  project.provide('sourceReplayUrl', server.url);
  return server.close;
}
