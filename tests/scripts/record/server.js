// Echo server for recording the script corpus with Newman; mirrors the routes of the
// Rust test server in tests/common/mod.rs that the corpus uses:
//   /echo and unknown paths: 200 JSON {"method","target","headers":[[k,v]...],"body"}
//   /status/{code}: that status, empty body
//   /set-cookie?name=value&...: 200 with one Set-Cookie per pair
//   /redirect-cookie: 302 to /echo setting the cookie hop=1
//   /encoded/gzip: 200 with a gzip-compressed body
// Prints the port on stdout, then serves until killed.
'use strict';
const http = require('http');
const zlib = require('zlib');

const REASONS = { 200: 'OK', 302: 'Found', 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' };

function reply(res, code, headers, body) {
  const buf = Buffer.from(body);
  res.writeHead(code, REASONS[code] || 'Status', headers.concat([['Content-Length', String(buf.length)]]).flat());
  res.end(buf);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const target = req.url;
    const [path, query = ''] = target.split('?');
    const segments = path.replace(/^\//, '').split('/');
    if (segments[0] === 'status' && segments.length === 2) {
      const code = Number(segments[1]);
      if (Number.isInteger(code) && code >= 100 && code < 1000) return reply(res, code, [], '');
      return reply(res, 400, [], 'bad status');
    }
    if (segments[0] === 'set-cookie' && segments.length === 1) {
      const headers = query.split('&').filter(Boolean).map((pair) => {
        const [name, value = ''] = pair.split('=');
        return ['Set-Cookie', `${name}=${value}; Path=/`];
      });
      return reply(res, 200, headers, '');
    }
    if (path === '/redirect-cookie') {
      return reply(res, 302, [['Set-Cookie', 'hop=1; Path=/'], ['Location', '/echo']], '');
    }
    if (path === '/encoded/gzip') {
      const body = zlib.gzipSync(Buffer.from('{"encoded":true}'.repeat(64)));
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
      return res.end(body);
    }
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    const body = JSON.stringify({ method: req.method, target, headers, body: Buffer.concat(chunks).toString('utf8') });
    reply(res, 200, [['Content-Type', 'application/json']], req.method === 'HEAD' ? '' : body);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
