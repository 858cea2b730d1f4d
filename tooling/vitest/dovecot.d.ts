export declare const DOVECOT_INSTALL_COMMAND: string;
export declare const DOVECOT_INSTALL_HINT: string;

/** The dovecot binary: DOVECOT_BIN, else /usr/sbin/dovecot. */
export declare function findDovecot(): string | undefined;

export interface ThrowawayDovecot {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** imap://user:password@127.0.0.1:port (plain IMAP, no TLS). */
  readonly url: string;
  readonly dir: string;
  /** Dovecot's log so far (for a failing test's message). */
  log(): string;
  /** Stops the server, keeping its mail: a mailbox outage. */
  halt(): Promise<void>;
  /** Starts it again after `halt`, on the same port with the same mail. */
  resume(): Promise<void>;
  /** Stops the server and removes its folder; a second call does nothing. */
  stop(): Promise<void>;
}

/**
 * Starts a throwaway Dovecot (IMAP only, plain authentication) with one user; throws
 * DOVECOT_INSTALL_HINT when Dovecot is not installed.
 */
export declare function startThrowawayDovecot(options?: { user?: string; password?: string }): Promise<ThrowawayDovecot>;
