import { makeTestApp } from './harness';
import fs from 'node:fs';
const t = await makeTestApp('sqlite');
const res = await t.app.inject({ url: '/api/openapi.json' });
console.log(res.statusCode, res.body.slice(0, 200));
fs.writeFileSync('/tmp/openapi.json', JSON.stringify(res.json(), null, 2));
await t.close();
