import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based line number in the file. */
  number: number;
  text: string;
  /** Byte offset just after this line's newline. */
  endOffset: number;
}

/** The lines of a file from a byte offset, with their numbers and end offsets (for resuming). */
export async function* linesFrom(file: string, byteOffset: number, firstLineNumber: number): AsyncGenerator<Line> {
  let pending: Buffer = Buffer.alloc(0);
  let offset = byteOffset;
  let number = firstLineNumber;
  for await (const chunk of createReadStream(file, { start: byteOffset, highWaterMark: 256 * 1024 })) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let newline = pending.indexOf(10, start); newline !== -1; newline = pending.indexOf(10, start)) {
      offset += newline - start + 1;
      number += 1;
      yield { number, text: pending.toString('utf8', start, newline).replace(/\r$/, ''), endOffset: offset };
      start = newline + 1;
    }
    pending = pending.subarray(start);
  }
  if (pending.length > 0) {
    offset += pending.length;
    yield { number: number + 1, text: pending.toString('utf8').replace(/\r$/, ''), endOffset: offset };
  }
}
