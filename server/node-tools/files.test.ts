import { describe, expect, it } from 'vitest';
import { contentDisposition } from './files';

describe('download Content-Disposition (header injection regression)', () => {
  it('keeps quotes, backslashes, CR/LF and non-ASCII out of the header value', () => {
    const header = contentDisposition('evil"\r\nSet-Cookie: a=b\\.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="evil___Set-Cookie: a=b_.txt"; filename*=UTF-8''evil%22%0D%0ASet-Cookie%3A%20a%3Db%5C.txt`);
  });

  it('gives the exact UTF-8 name through filename*', () => {
    expect(contentDisposition('résumé (1).pdf')).toBe(`attachment; filename="r_sum_ (1).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.pdf`);
  });
});
