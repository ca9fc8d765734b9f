import { useEffect, useRef, useState } from "react";
import { type UploadProgress, uploadReleaseFile } from "./operator-api.ts";

/** One upload at a time with its progress; leaving the page cancels it. */
export function useUpload() {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function upload(releaseId: string, file: File, expectedSha256?: string) {
    controller.current = new AbortController();
    setProgress({ loaded: 0, total: file.size });
    try {
      return await uploadReleaseFile(releaseId, file, {
        expectedSha256,
        onProgress: setProgress,
        signal: controller.current.signal,
      });
    } finally {
      setProgress(null);
    }
  }

  return { progress, upload };
}
