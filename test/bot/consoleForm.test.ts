import type { Request } from 'restify';
import { describe, expect, it } from 'vitest';
import { readForm } from '../../console/http.js';

describe('console forms', () => {
  it('when a form field carries %00 or half an emoji, then the field is made safe like any other inbound text', () => {
    const form = readForm({ body: 'text=God%00 bedring %ED%A0%BD&note=e%CC%81' } as unknown as Request);
    // Invalid UTF-8 (a surrogate's bytes) is already decoded as replacement characters; NUL and NFC are ours.
    expect(form).toEqual({ text: 'God bedring \uFFFD\uFFFD\uFFFD', note: 'é' });
  });
});
