/** errno-style names the engine uses when it refuses a request (as the syscalls would). */
export type Errno = 'EINVAL' | 'ENOMEM' | 'EEXIST' | 'EFAULT' | 'ENOENT' | 'EBUSY' | 'EAGAIN';

/** A request the engine rejects: bad config, overlapping mmap, unaligned munmap, ... */
export class EngineError extends Error {
  readonly errno: Errno;
  constructor(errno: Errno, message: string) {
    super(`${errno}: ${message}`);
    this.errno = errno;
    this.name = 'EngineError';
  }
}
