/** The part of addons-linter's library API (it ships no types) that the Firefox build test uses. */
declare module 'addons-linter' {
  export interface LinterMessage {
    code: string;
    message: string;
    description?: string;
    file?: string;
    line?: number;
  }
  export interface LinterResult {
    summary: { errors: number; warnings: number; notices: number };
    errors: LinterMessage[];
    warnings: LinterMessage[];
    notices: LinterMessage[];
  }
  export function createInstance(opts: { config: Record<string, unknown>; runAsBinary: boolean }): { run(): Promise<LinterResult> };
}
