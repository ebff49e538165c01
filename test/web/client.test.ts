import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, ApiError } from '../../web/src/api/client';

// The one fetch helper of the web app (web/src/api/client.ts): every call goes through it, JSON
// or multipart, with the same error shape.

type Call = { url: string; init: RequestInit };

function stubFetch(answer: () => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(answer());
    }),
  );
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  test('a JSON call sends the body as JSON, with the session cookie, under /api/v1', async () => {
    const calls = stubFetch(() => json(200, { id: 't1' }));
    await expect(api.post('/tickets', { title: 'x' })).resolves.toEqual({ id: 't1' });
    expect(calls[0]!.url).toBe('/api/v1/tickets');
    expect(calls[0]!.init).toMatchObject({
      method: 'POST',
      credentials: 'include',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"title":"x"}',
    });
  });

  test('extra headers are added to the call', async () => {
    const calls = stubFetch(() => json(201, {}));
    await api.post('/tickets', {}, { headers: { 'idempotency-key': 'k1' } });
    expect(calls[0]!.init.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'idempotency-key': 'k1',
    });
  });

  test('a FormData body is sent as is, without a content-type (the browser sets the boundary)', async () => {
    const calls = stubFetch(() => json(201, { id: 'a1' }));
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    await expect(api.post('/tickets/t1/attachments', form)).resolves.toEqual({ id: 'a1' });
    expect(calls[0]!.init.body).toBe(form);
    expect(calls[0]!.init.headers).toEqual({ accept: 'application/json' });
  });

  test('a GET has no body and its query in the address', async () => {
    const calls = stubFetch(() => json(200, { items: [] }));
    await api.get('/tickets', { q: 'imprimante', status: undefined, limit: 20 });
    expect(calls[0]!.url).toBe('/api/v1/tickets?q=imprimante&limit=20');
    expect(calls[0]!.init.body).toBeUndefined();
    expect(calls[0]!.init.headers).toEqual({ accept: 'application/json' });
  });

  test('an error answer throws an ApiError with status, code, message and field problems', async () => {
    const fields = [{ field: 'title', code: 'required', message: 'Required.' }];
    stubFetch(() => json(400, { error: { code: 'invalid_request', message: 'Invalid title.', details: { fields } } }));
    const error = await api.post('/tickets', new FormData()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', message: 'Invalid title.' });
    expect((error as ApiError).details).toEqual({ fields });
    expect((error as ApiError).fields).toEqual({ title: fields[0] });
  });

  test('an error answer that is not JSON keeps its status, as an internal error', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.get('/me')).rejects.toMatchObject({ status: 502, code: 'internal_error', message: 'Bad Gateway' });
  });

  test('an unreachable server is a network error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.del('/x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  test('204 answers nothing', async () => {
    stubFetch(() => new Response(null, { status: 204 }));
    await expect(api.del('/x')).resolves.toBeUndefined();
  });
});
