/**
 * Copy and paste keys in the browser terminal. Ctrl+C and Ctrl+V belong to the shell (interrupt,
 * quoted insert), so copy and paste are Ctrl+Shift+C and Ctrl+Shift+V as in desktop Linux
 * terminals (Cmd+Shift+C/V on a Mac, where plain Cmd+C/Cmd+V are already the browser's copy and
 * paste events, which xterm handles). Ctrl+Shift+C would otherwise open Chromium's element
 * inspector, so the caller also prevents the browser's default.
 */
export function clipboardShortcut(event: Pick<KeyboardEvent, 'type' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'copy' | 'paste' | undefined {
  if (event.type !== 'keydown' || !event.shiftKey || event.altKey || !(event.ctrlKey || event.metaKey)) return undefined;
  if (event.code === 'KeyC') return 'copy';
  if (event.code === 'KeyV') return 'paste';
  return undefined;
}
