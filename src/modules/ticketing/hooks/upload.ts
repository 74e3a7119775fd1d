// Multipart upload with progress (XMLHttpRequest: fetch cannot report upload progress), resolving to the envelope's data.
import { API_BASE, ApiError, type Envelope } from './api';

export function uploadFile<T>(route: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/${route}`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload failed: the server could not be reached.'));
    xhr.onload = () => {
      let body: Envelope<T> | undefined;
      try {
        body = JSON.parse(xhr.responseText) as Envelope<T>;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.success) {
        onProgress(1);
        resolve(body.data);
      } else {
        const e = body?.error;
        reject(new ApiError(xhr.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `Upload failed (${xhr.status})`, e?.details));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
