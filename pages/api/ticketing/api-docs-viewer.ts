// GET /api/ticketing/api-docs-viewer: the API reference viewer's script (Scalar, from npm), served by the app itself
// so the /ticketing/api-docs page needs no CDN.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { method, STREAMED, withRoute } from '@/src/modules/ticketing/api/route';

export const config = { api: { bodyParser: false } };

const BUNDLE = path.join(process.cwd(), 'node_modules', '@scalar', 'api-reference', 'dist', 'browser', 'standalone.js');

export default withRoute({
  GET: method({
    access: 'public',
    summary: 'The script of the API reference page (Scalar API Reference, standalone build)',
    handler: async ({ res }) => {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' });
      await pipeline(createReadStream(BUNDLE), res);
      return STREAMED;
    },
  }),
});
