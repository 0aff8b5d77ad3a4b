// A real OpenID Connect provider for Equity Portal's test suite (docs/accounts/testing-sso.md, ADR 0058).
//
//   node server.mjs <port> [--client-id ID] [--client-secret SECRET] [--watch-pid PID]
//
// Listens on 127.0.0.1:<port> with the issuer http://127.0.0.1:<port>. oidc-provider does the protocol (discovery,
// JWKS, authorization code flow with PKCE, token, userinfo); this file adds what a test needs around it: accounts in
// memory, its own login and consent pages, and a control API under /__test__/ (loopback only) that sets accounts,
// the client's token authentication method, and a fault applied to the token endpoint's ID token.
import crypto from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';

import { CompactSign, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'client-id': { type: 'string', default: process.env.OIDC_TEST_CLIENT_ID || 'equity-portal' },
    'client-secret': { type: 'string', default: process.env.OIDC_TEST_CLIENT_SECRET || 'equity-portal-test-secret' },
    'watch-pid': { type: 'string', default: String(process.ppid) }, // exit when this process (the test run) is gone
  },
});
const port = Number.parseInt(positionals[0] ?? process.env.OIDC_TEST_PORT ?? '', 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write('usage: node server.mjs <port> [--client-id ID] [--client-secret SECRET] [--watch-pid PID]\n');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const CALLBACK_PATH = '/accounts/oidc/city/login/callback/';
const FAULTS = new Set(['wrong_nonce', 'expired', 'bad_signature', 'wrong_audience', 'wrong_issuer']);
const AUTH_METHODS = new Set(['client_secret_post', 'client_secret_basic']);
const ACCOUNT_FIELDS = [
  'email', 'email_verified', 'name', 'given_name', 'family_name', 'preferred_username', 'groups', 'job_title',
  'employee_id',
];

// Signing keys, made at start: the provider's own, and an impostor with the same kid for "bad_signature".
const kid = crypto.randomUUID();
const signingPair = await generateKeyPair('RS256', { extractable: true });
const impostorPair = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(signingPair.privateKey)), kid, alg: 'RS256', use: 'sig' };

// Everything a test can change; reset() puts it back.
const state = {};
const storage = new Map();
function reset() {
  state.accounts = new Map();
  state.fault = null;
  state.tokenAuthMethod = 'client_secret_post';
  storage.clear();
}
reset();

function clientMetadata() {
  return {
    client_id: options['client-id'],
    client_secret: options['client-secret'],
    client_name: 'Equity Portal (tests)',
    redirect_uris: [`http://testserver${CALLBACK_PATH}`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: state.tokenAuthMethod,
  };
}

// oidc-provider's storage, in memory; the one client is read from `state`, so the control API can change it.
class MemoryAdapter {
  constructor(model) { this.model = model; }

  key(id) { return `${this.model}:${id}`; }

  async upsert(id, payload, expiresIn) {
    storage.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
  }

  async find(id) {
    if (this.model === 'Client') return id === options['client-id'] ? clientMetadata() : undefined;
    const entry = storage.get(this.key(id));
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.payload;
  }

  async findByUid(uid) {
    for (const [key, entry] of storage) {
      if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return this.find(entry.payload.jti);
    }
    return undefined;
  }

  async findByUserCode() { return undefined; }

  async consume(id) {
    const entry = storage.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) { storage.delete(this.key(id)); }

  async revokeByGrantId(grantId) {
    for (const [key, entry] of storage) if (entry.payload.grantId === grantId) storage.delete(key);
  }
}

const provider = new Provider(issuer, {
  adapter: MemoryAdapter,
  clients: [],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  responseTypes: ['code'],
  clientAuthMethods: [...AUTH_METHODS],
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'job_title', 'employee_id'],
    groups: ['groups'],
  },
  conformIdTokenClaims: false, // the ID token carries every granted scope's claims, as Entra ID's and Okta's can
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = state.accounts.get(sub);
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out)
      .map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(value)}</p>`).join('')}`);
  },
});
// The portal runs at http://testserver (Django's test client) and at http://localhost:<any port> or
// http://127.0.0.1:<any port> (pytest-django's live_server): any of these with the callback path is allowed.
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  let url;
  try { url = new URL(value); } catch { return false; }
  const host = url.hostname === 'testserver' ? url.port === '' : ['localhost', '127.0.0.1'].includes(url.hostname);
  return url.protocol === 'http:' && host && url.pathname === CALLBACK_PATH && !url.search && !url.hash;
};

// The fault, applied to the token endpoint's ID token after oidc-provider made it (the access token stays valid).
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && state.fault && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await faulty(ctx.body.id_token, state.fault) };
  }
});

async function faulty(idToken, fault) {
  const header = decodeProtectedHeader(idToken);
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  let key = await importJWK(signingJwk, 'RS256');
  if (fault === 'wrong_nonce') claims.nonce = `not-${claims.nonce ?? 'sent'}-${crypto.randomUUID()}`;
  if (fault === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (fault === 'wrong_audience') claims.aud = 'another-client';
  if (fault === 'wrong_issuer') claims.iss = 'http://127.0.0.1:1/impostor';
  if (fault === 'bad_signature') key = impostorPair.privateKey;
  return new CompactSign(Buffer.from(JSON.stringify(claims))).setProtectedHeader(header).sign(key);
}

// Interaction pages: the provider's own login (username and password) and consent ("Allow").
function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} - City test identity`
    + ` provider</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>`
    + `<body><main>${body}</main></body></html>`;
}

function loginPage(uid, error) {
  return page('Sign in', `<h1>Sign in to the city</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<p><label for="username">Username</label> <input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p></form>`);
}

function consentPage(uid, clientName, scopes) {
  const items = scopes.map((scope) => `<li>${escape(scope)}</li>`).join('');
  return page('Allow access', `<h1>Allow ${escape(clientName)} to use your account?</h1><ul>${items}</ul>
<form method="post" action="/interaction/${uid}/confirm"><p><button type="submit">Allow</button></p></form>
<form method="post" action="/interaction/${uid}/abort"><p><button type="submit">Deny</button></p></form>`);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'text/plain', 'interaction mismatch');
  const { prompt, params } = details;
  const client = await provider.Client.find(params.client_id);
  if (req.method === 'GET') {
    const html = prompt.name === 'login'
      ? loginPage(uid)
      : consentPage(uid, client?.clientName ?? params.client_id, String(params.scope).split(' '));
    return send(res, 200, 'text/html; charset=utf-8', html);
  }
  if (action === 'login') {
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('username') ?? '';
    const account = [...state.accounts.values()].find(
      (candidate) => candidate.claims.preferred_username === username || candidate.claims.sub === username,
    );
    if (!account || account.password !== form.get('password')) {
      return send(res, 200, 'text/html; charset=utf-8', loginPage(uid, 'The username or password is not correct.'));
    }
    return provider.interactionFinished(req, res, { login: { accountId: account.claims.sub } },
      { mergeWithLastSubmission: false });
  }
  if (action === 'confirm') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  if (action === 'abort') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'The person did not allow access.',
    }, { mergeWithLastSubmission: false });
  }
  return send(res, 404, 'text/plain', 'not found');
}

// The control API: JSON, loopback only.
function account(body) {
  const sub = String(body.sub ?? body.preferred_username ?? '');
  if (!sub || typeof body.password !== 'string') throw new Error('an account needs sub and password');
  const claims = { preferred_username: sub };
  for (const field of ACCOUNT_FIELDS) if (body[field] !== undefined && body[field] !== null) claims[field] = body[field];
  return { password: body.password, claims: { ...claims, sub } };
}

async function control(req, res, path) {
  const body = req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
  if (path === '/__test__/health') return { issuer, client_id: options['client-id'] };
  if (req.method !== 'POST') throw new Error('POST only');
  if (path === '/__test__/reset') reset();
  else if (path === '/__test__/accounts') {
    const made = account(body);
    state.accounts.set(made.claims.sub, made);
    return { sub: made.claims.sub };
  } else if (path === '/__test__/fault') {
    if (body.fault !== null && !FAULTS.has(body.fault)) throw new Error(`unknown fault: ${body.fault}`);
    state.fault = body.fault;
  } else if (path === '/__test__/client') {
    if (!AUTH_METHODS.has(body.token_endpoint_auth_method)) throw new Error('token_endpoint_auth_method?');
    state.tokenAuthMethod = body.token_endpoint_auth_method;
  } else return null;
  return { ok: true };
}

const providerCallback = provider.callback();
const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url, issuer);
  try {
    if (pathname.startsWith('/__test__/')) {
      const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress);
      const result = loopback ? await control(req, res, pathname) : null;
      return result ? send(res, 200, 'application/json', JSON.stringify(result)) : send(res, 404, 'text/plain', '');
    }
    const match = pathname.match(/^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/);
    if (match) return await interaction(req, res, match[1], match[2]);
    return providerCallback(req, res);
  } catch (error) {
    return send(res, 400, 'text/plain; charset=utf-8', `${error.name}: ${error.message}`);
  }
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`test identity provider at ${issuer}\n`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
// A test run that dies without stopping us (SIGKILL, a lost xdist worker) leaves no provider behind.
setInterval(() => {
  try { process.kill(Number(options['watch-pid']), 0); } catch { process.exit(0); }
}, 1000).unref();
