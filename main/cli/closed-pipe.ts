/**
 * A reader that stops early (`interleave run --json | head -c 10`) closes the pipe, and the next
 * write to it fails with EPIPE, which Node raises as an unhandled 'error' event: a stack trace
 * after the output the user wanted. Like `git log | head`, the command ends quietly instead:
 * what it still writes to that stream is dropped, it finishes its work (the run stays stored,
 * `--out` is still written) and exits with its own code.
 */
const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

export function dropWritesAfterClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== undefined && CLOSED.has(error.code)) return;
    throw error;
  });
}
