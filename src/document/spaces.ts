/**
 * White space as JavaScript sees it: what `\s` matches and `String#trim` removes (ECMAScript WhiteSpace and
 * LineTerminator), tested on one UTF-16 code unit, for loops over char codes in the readers and recognition.
 */
export function isJsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  if (c >= 0x3000) return c === 0x3000 || c === 0xfeff;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}
