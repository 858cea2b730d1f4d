import type { UserConfig } from "vitest/config";
export declare const baseTestConfig: NonNullable<UserConfig["test"]>;
export declare function defineTestConfig(overrides?: NonNullable<UserConfig["test"]>): UserConfig;
/** The database engine this vitest run uses (TEST_ENGINE, else TEST_POSTGRES/TEST_DATABASE_URL). */
export declare function testEngine(): "pglite" | "postgres";
