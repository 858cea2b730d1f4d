export declare const INSTALL_COMMAND: string;
export declare const INSTALL_HINT: string;

/** The folder holding initdb and pg_ctl: PG_BIN, else /usr/lib/postgresql/<major>/bin (15 first). */
export declare function findPostgresBin(): string | undefined;

/** A TCP port on 127.0.0.1 that nothing listens on now. */
export declare function freePort(): Promise<number>;

/** Runs a PostgreSQL binary; as root, as the `postgres` user. Resolves to its standard output. */
export declare function pgBinary(bin: string, file: string, args: string[]): Promise<string>;

export interface ThrowawayPostgres {
  /** Superuser connection to the `postgres` database. */
  readonly url: string;
  /** `postgres --version`. */
  readonly version: string;
  readonly dataDir: string;
  /** The server settings it was started with. */
  readonly settings: Readonly<Record<string, string>>;
  /** Restarts the server, keeping its data and settings. */
  restart(mode?: "fast" | "immediate"): Promise<void>;
  /** Stops the server and removes its folder; a second call does nothing. */
  stop(): Promise<void>;
}

export declare function startThrowawayPostgres(options?: {
  settings?: Record<string, string>;
}): Promise<ThrowawayPostgres>;
