'use strict';
// Creates TFE's IAM-authenticated PostgreSQL user with the master credentials, once per deployment and again on update
// (idempotent), never dropping it. A CloudFormation custom resource's handler (Lambda nodejs24.x, inline code): no npm package,
// only node's net, tls, crypto and https, so it carries its own PostgreSQL wire-protocol client (protocol 3.0, SSLRequest,
// SCRAM-SHA-256 or MD5, simple query). docs/passwordless-database.md explains the design.
const net = require('net');
const tls = require('tls');
const crypto = require('crypto');
const https = require('https');
const http = require('http');

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function int32(n) { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; }
function message(type, body) { return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]); }
function cstring(s) { return Buffer.from(s + '\0', 'utf8'); }

// Reads whole backend messages from a socket: next() resolves with { type, body }.
function reader(socket) {
  let buffer = Buffer.alloc(0);
  const waiting = [];
  let failure = null;
  const pump = () => {
    while (waiting.length && buffer.length >= 5) {
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      const msg = { type: String.fromCharCode(buffer[0]), body: buffer.subarray(5, length + 1) };
      buffer = buffer.subarray(length + 1);
      waiting.shift().resolve(msg);
    }
    if (failure) while (waiting.length) waiting.shift().reject(failure);
  };
  socket.on('data', d => { buffer = Buffer.concat([buffer, d]); pump(); });
  const fail = e => { failure = failure || e; pump(); };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('the database closed the connection')));
  return () => new Promise((resolve, reject) => { waiting.push({ resolve, reject }); pump(); });
}

function serverError(body) {
  const fields = {};
  for (let i = 0; i < body.length && body[i] !== 0;) {
    const end = body.indexOf(0, i + 1);
    fields[String.fromCharCode(body[i])] = body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  const e = new Error(`${fields.S || 'ERROR'} ${fields.C || ''}: ${fields.M || 'unknown error'}`);
  e.code = fields.C;
  return e;
}

function hmac(key, data) { return crypto.createHmac('sha256', key).update(data).digest(); }
function sha256(data) { return crypto.createHash('sha256').update(data).digest(); }
function xor(a, b) { return Buffer.from(a.map((v, i) => v ^ b[i])); }
function attributes(s) { return Object.fromEntries(s.split(',').map(p => [p[0], p.slice(2)])); }

// Opens a TLS connection (SSLRequest, then tls.connect with the server certificate verified against the host name) and
// authenticates; resolves with { query, close }.
async function connect({ host, port, user, password, database, timeoutMs = 20000 }) {
  const raw = net.connect({ host, port });
  raw.setTimeout(timeoutMs, () => raw.destroy(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
  await new Promise((resolve, reject) => { raw.once('connect', resolve); raw.once('error', reject); });
  raw.write(Buffer.concat([int32(8), int32(80877103)]));
  const answer = await new Promise((resolve, reject) => { raw.once('data', resolve); raw.once('error', reject); });
  if (answer.toString('latin1', 0, 1) !== 'S') throw new Error('the database refused TLS (SSLRequest answered ' + JSON.stringify(answer.toString('latin1', 0, 1)) + ')');
  const socket = tls.connect({ socket: raw, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: true });
  await new Promise((resolve, reject) => { socket.once('secureConnect', resolve); socket.once('error', reject); });
  const next = reader(socket);
  const send = buffer => socket.write(buffer);

  const startup = Buffer.concat([int32(196608), cstring('user'), cstring(user), cstring('database'), cstring(database), Buffer.from([0])]);
  send(Buffer.concat([int32(startup.length + 4), startup]));
  let scram = null;
  for (;;) {
    const { type, body } = await next();
    if (type === 'E') throw serverError(body);
    if (type === 'Z') break;
    if (type !== 'R') continue;
    const code = body.readInt32BE(0);
    if (code === 0) continue;
    if (code === 3) { send(message('p', cstring(password))); continue; }
    if (code === 5) {
      const inner = crypto.createHash('md5').update(password + user).digest('hex');
      const outer = crypto.createHash('md5').update(inner).update(body.subarray(4, 8)).digest('hex');
      send(message('p', cstring('md5' + outer)));
      continue;
    }
    if (code === 10) {
      const mechanisms = body.toString('utf8', 4).split('\0');
      if (!mechanisms.includes('SCRAM-SHA-256')) throw new Error('the database offers no SCRAM-SHA-256: ' + mechanisms.join(' '));
      const nonce = crypto.randomBytes(18).toString('base64');
      const first = 'n=,r=' + nonce;
      const data = Buffer.from('n,,' + first);
      send(message('p', Buffer.concat([cstring('SCRAM-SHA-256'), int32(data.length), data])));
      scram = { nonce, first };
      continue;
    }
    if (code === 11 && scram) {
      const serverFirst = body.toString('utf8', 4);
      const a = attributes(serverFirst);
      if (!a.r || !a.r.startsWith(scram.nonce)) throw new Error('SCRAM: the server nonce does not extend ours');
      const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), Buffer.from(a.s, 'base64'), parseInt(a.i, 10), 32, 'sha256');
      const clientKey = hmac(salted, 'Client Key');
      const withoutProof = 'c=biws,r=' + a.r;
      const auth = scram.first + ',' + serverFirst + ',' + withoutProof;
      scram.expected = hmac(hmac(salted, 'Server Key'), auth).toString('base64');
      send(message('p', Buffer.from(withoutProof + ',p=' + xor(clientKey, hmac(sha256(clientKey), auth)).toString('base64'))));
      continue;
    }
    if (code === 12 && scram) {
      if (attributes(body.toString('utf8', 4)).v !== scram.expected) throw new Error('SCRAM: the server signature does not verify');
      continue;
    }
    throw new Error('unsupported authentication request ' + code);
  }
  raw.setTimeout(0);

  // One simple query; resolves with its rows (arrays of text, null for NULL), rejects with the server's error.
  const query = async sql => {
    send(message('Q', cstring(sql)));
    const rows = [];
    let error = null;
    for (;;) {
      const { type, body } = await next();
      if (type === 'E') error = serverError(body);
      if (type === 'D') {
        const row = [];
        for (let i = 0, at = 2, n = body.readInt16BE(0); i < n; i++) {
          const len = body.readInt32BE(at); at += 4;
          row.push(len < 0 ? null : body.toString('utf8', at, at + len)); at += Math.max(len, 0);
        }
        rows.push(row);
      }
      if (type === 'Z') { if (error) throw error; return rows; }
    }
  };
  const close = () => { send(message('X', Buffer.alloc(0))); socket.end(); };
  return { query, close };
}

// The idempotent statements, run as the master user in TFE's database: the login role mapped to rds_iam, the database
// handed to it (TFE creates its schemas and extensions as their owner), and whatever the master user already owns in it
// (a deployment switched from password authentication) handed over too. Nothing is dropped or revoked.
function statements(user, database) {
  if (!NAME.test(user) || !NAME.test(database)) throw new Error('user and database must be plain PostgreSQL names');
  const u = `"${user}"`;
  return [
    `DO $tfe$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${user}') THEN CREATE ROLE ${u} LOGIN; END IF; END $tfe$`,
    `ALTER ROLE ${u} LOGIN`,
    `GRANT rds_iam TO ${u}`,
    `DO $tfe$ BEGIN IF NOT pg_has_role(current_user, '${user}', 'USAGE') THEN EXECUTE 'GRANT ${u} TO ' || quote_ident(current_user); END IF; END $tfe$`,
    `ALTER DATABASE "${database}" OWNER TO ${u}`,
    `DO $tfe$ DECLARE r record; me oid := (SELECT oid FROM pg_roles WHERE rolname = current_user); BEGIN
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspowner = me AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, '${user}'); END LOOP;
  FOR r IN SELECT c.oid FROM pg_class c WHERE c.relowner = me AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND c.relnamespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname LIKE 'pg\\_%' OR nspname = 'information_schema')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')) LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO %I', r.oid::regclass, '${user}'); END LOOP;
  FOR r IN SELECT t.oid FROM pg_type t WHERE t.typowner = me AND t.typtype IN ('e', 'd', 'c', 'r', 'm')
      AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') AND t.typelem = 0
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype IN ('i', 'e')) LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', r.oid::regtype, '${user}'); END LOOP;
  FOR r IN SELECT p.oid, p.prokind FROM pg_proc p WHERE p.proowner = me
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.oid::regprocedure, '${user}'); END LOOP;
END $tfe$`,
  ];
}

// Runs the statements with the master credentials; resolves with what it did, for the log and the resource's data.
async function provision({ host, port, database, user, master }) {
  const client = await connect({ host, port, user: master.username, password: master.password, database });
  try {
    for (const sql of statements(user, database)) await client.query(sql);
    const [[owner]] = await client.query(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()`);
    return { User: user, DatabaseOwner: owner };
  } finally {
    client.close();
  }
}

// The master secret (username, password), read with the function's role. Replaceable for the tests.
exports.readSecret = async arn => {
  const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  return JSON.parse(out.SecretString);
};

function respond(event, status, reason, data) {
  const body = JSON.stringify({
    Status: status, Reason: String(reason).slice(0, 3000), PhysicalResourceId: event.PhysicalResourceId || `tfe-db-user-${event.ResourceProperties.User}`,
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, NoEcho: false, Data: data || {},
  });
  const url = new URL(event.ResponseURL);
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'http:' ? http : https).request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, res => {
      res.resume(); res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}

exports.handler = async event => {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    // The user and its objects stay: deleting this resource (or the stack) never drops TFE's data or its owner.
    console.log('Delete: nothing to do, the database user is kept');
    return respond(event, 'SUCCESS', 'kept', {});
  }
  try {
    const master = await exports.readSecret(p.SecretArn);
    const data = await provision({ host: p.Host, port: parseInt(p.Port, 10), database: p.Database, user: p.User, master });
    console.log(JSON.stringify({ request: event.RequestType, ...data }));
    return respond(event, 'SUCCESS', 'ok', data);
  } catch (e) {
    console.log('failed: ' + e.message);
    return respond(event, 'FAILED', e.message, {});
  }
};

exports.provision = provision;
exports.statements = statements;
exports.connect = connect;
