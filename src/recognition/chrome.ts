/**
 * Website chrome printed after a report (主办/承办 lines, ICP numbers, 「TOP」, 「打印本页」): not part of any
 * section's text. Only a trailing run of such lines is dropped, so a report is never cut.
 */
import type { Piece } from './pieces.ts';

const CHROME =
  /主办$|承办$|版权所有|ICP|网安备|网站标识码|^TOP$|返回顶部|打印本页|关闭窗口|^【?打印】?$|分享到|技术支持|建议使用.*浏览器|^\s*(?:字号|字体)[:：]|访问量|浏览次数|联系我们|网站地图|^首页$/i;

export function dropPageChrome(pieces: Piece[]): Piece[] {
  let end = pieces.length;
  while (end > 0) {
    const text = pieces[end - 1]!.text.trim();
    if (text === '' || (text.length <= 60 && CHROME.test(text))) end--;
    else break;
  }
  return end === pieces.length ? pieces : pieces.slice(0, end);
}
