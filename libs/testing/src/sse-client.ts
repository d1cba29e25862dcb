/**
 * A Server-Sent Events client on fetch for tests: `next` waits for the text received so far to
 * hold a frame that matches, and returns it (frames before it are skipped, later ones kept).
 */
export async function openSseStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let pending: ReturnType<typeof reader.read> | undefined;
  return {
    response,
    async next(match: (frame: string) => boolean, timeoutMs = 10_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frames = buffer.split('\n\n');
        const index = frames.slice(0, -1).findIndex(match);
        if (index >= 0) {
          buffer = frames.slice(index + 1).join('\n\n');
          return frames[index] ?? '';
        }
        if (Date.now() > deadline) throw new Error(`no matching SSE frame within ${timeoutMs} ms; got: ${buffer}`);
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<undefined>((r) => setTimeout(() => r(undefined), 500))]);
        if (!chunk) continue; // the read stays pending for the next round
        pending = undefined;
        if (chunk.done) throw new Error(`the stream ended; got: ${buffer}`);
        if (chunk.value) buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => abort.abort(),
  };
}
