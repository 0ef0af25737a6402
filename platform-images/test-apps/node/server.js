// The seeds' sample service on Node's own http module: POST /MyService echoes its JSON, GET /health answers up.
const http = require('http');
const os = require('os');

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

http.createServer((req, res) => {
  let data = '';
  req.on('data', chunk => { data += chunk; });
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'up' });
    if (req.method !== 'POST' || req.url !== '/MyService') return send(res, 404, { error: `no route for ${req.method} ${req.url}` });
    let echo;
    try { echo = JSON.parse(data); } catch (e) { return send(res, 400, { error: 'expected a JSON object' }); }
    send(res, 200, { service: 'MyService', runtime: `node ${process.version}`, user: os.userInfo().username, echo });
  });
}).listen(Number(process.env.PORT || 8080), () => console.log(`MyService listening on ${process.env.PORT || 8080}`));
