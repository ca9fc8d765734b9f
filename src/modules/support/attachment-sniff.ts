import { Transform, type TransformCallback } from "node:stream";
import {
  ATTACHMENT_HEAD_BYTES,
  type AttachmentMediaType,
  attachmentMediaType,
  Utf8TextCheck,
} from "../../../contracts/attachment-types.ts";

/**
 * A pass-through stream that recognises what flows through it, so an upload is typed from
 * its bytes while it streams to storage (never from its name or the browser's type). A file
 * is text/plain only when the whole of it is valid UTF-8 without NUL bytes, which is why it
 * watches every chunk, not just the head. `mediaType()` answers after the stream has ended.
 * The rules themselves are contracts/attachment-types.ts, which the web app checks with too.
 */
export class AttachmentSniffer extends Transform {
  private head = Buffer.alloc(0);
  private readonly text = new Utf8TextCheck();

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.head.length < ATTACHMENT_HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, ATTACHMENT_HEAD_BYTES - this.head.length)]);
    }
    this.text.push(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.text.end(); // a truncated multi-byte sequence at the end is not text
    done();
  }

  /** The recognised type, or null (not allowed): see attachmentMediaType. */
  mediaType(fileName: string): AttachmentMediaType | null {
    return attachmentMediaType(fileName, this.head, this.text.isText);
  }
}
