// What packages/db/test/global-setup.ts provides to test files (declared there too).
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    pgliteSnapshot: string | null;
  }
}
