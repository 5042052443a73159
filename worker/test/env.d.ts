import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import('../index.ts');
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local source replay server (worker/sources/replay-server.ts). */
    sourceReplayUrl: string;
    /** Base URL of the local OpenAI-compatible server (worker/test/openai-server.ts). */
    openaiUrl: string;
    /** Base URL of the local HeyGen-compatible server (worker/test/heygen-server.ts). */
    heygenUrl: string;
  }
}
